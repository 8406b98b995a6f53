"""How a question's words are found in a passage: with the diacritics typed, as the dictionary writes
its phrases, one typo from a phrase of the dictionary, and never inside a compound not typed."""

from portal.search import dictionary
from portal.search.analysis import spelling
from portal.search.question_units import Marker, Text, read, units


def _unit(question: str, typed: str):
    return next(u for u in units(question)[0] if " ".join(u.typed) == typed)


def test_a_spelling_is_the_same_wherever_the_tone_mark_sits():
    assert spelling("hoà") == spelling("hòa") and spelling("thuỷ") == spelling("thủy")
    assert spelling("đổi") != spelling("dõi") and spelling("căn") != spelling("cận")


def test_a_word_typed_with_diacritics_is_found_only_so_spelled():
    doi = _unit("làm sao đổi căn cước", "đổi")
    assert doi.found(Text("Người dân không phải đổi giấy tờ."))
    assert not doi.found(Text("Bà con đăng ký theo dõi tại trạm y tế."))


def test_a_word_inside_a_compound_not_typed_does_not_count():
    doi = _unit("làm sao đổi căn cước", "đổi")
    assert not doi.found(Text("Tổ công nghệ số giúp người cao tuổi chuyển đổi số."))
    bare = _unit("lam sao doi can cuoc", "doi")
    assert not bare.found(Text("Bà con đăng ký theo dõi tại trạm y tế."))
    assert bare.found(Text("Không bắt buộc phải đổi giấy tờ."))


def test_a_dictionary_phrase_keeps_its_diacritics_even_typed_without_them():
    for question in ("làm sao đổi căn cước cho ông bà già", "lam sao doi can cuoc cho ong ba gia"):
        card, elderly = _unit(question, question.split()[3] + " " + question.split()[4]), units(question)[0][-1]
        assert card.found(Text("Mang theo thẻ căn cước.")) and card.found(Text("CCCD gắn chip"))
        assert not card.found(Text("giúp người yếu thế tiếp cận cuộc sống"))  # "cận cuộc" folds to "can cuoc"
        assert elderly.found(Text("chi hội người cao tuổi")) and elderly.found(Text("ông bà già"))
        assert not elderly.found(Text("giấy tờ ghi địa danh cũ, vẫn có giá trị"))  # "cũ giá" folds to "cu gia"


def test_a_phrase_one_typo_from_the_dictionary_is_read_as_it():
    assert dictionary.near(["làm", "sao", "đổi", "căng", "cước"], 3)[2] == ("căn", "cước")
    assert dictionary.near(["cang", "cuoc"], 0)[2] == ("căn", "cước")
    assert dictionary.near(["căn", "cước"], 0) is None  # already a phrase of the dictionary
    assert dictionary.near(["các", "bộ"], 0) is None  # "cán bộ" is too short to correct
    card = _unit("làm sao đổi căng cước cho ông bà già ạ", "căn cước")
    assert card.search == ["căn", "cước"] and card.found(Text("thẻ CCCD"))


def test_whom_a_thing_is_for_is_aside():
    found = {" ".join(u.typed): u.aside for u in units("làm sao đổi căn cước cho ông bà già")[0]}
    assert found == {"đổi": False, "căn cước": False, "ông bà già": True}


def test_a_bare_word_takes_the_reading_the_content_gives_it_beside_its_neighbour():
    question = "lop hoc o dien chau"
    found = units(question)[0]
    dien = next(u for u in found if u.typed == ["dien"])
    read(found, question.split(), [Text("Xã Diễn Châu mở lớp học."), Text("Học dùng điện thoại.")])
    assert dien.found(Text("Ủy ban MTTQ xã Diễn Châu")) and not dien.found(Text("dùng điện thoại"))
    alone = next(u for u in units("hoc dien thoai")[0] if u.typed == ["dien"])
    read([alone], ["hoc", "dien", "thoai"], [Text("Xã Diễn Châu")])
    assert alone.found(Text("dùng điện thoại"))  # never written beside "thoai" there: every reading


def test_the_marks_are_the_phrases_found_not_their_words_alone():
    marker = Marker(units("làm sao đổi căn cước cho ông bà già")[0])
    words = ["Người", "dân", "không", "phải", "đổi", "CCCD", ";", "chi", "hội", "người", "cao", "tuổi"]
    assert {words[i] for i in marker.positions(words)} == {"đổi", "CCCD", "người", "cao", "tuổi"}
    assert 0 not in marker.positions(words)


def test_a_word_typed_with_diacritics_is_filler_only_so_spelled():
    """"lại" says nothing; "lái" of "bằng lái" is the subject, though both fold to "lai"."""
    assert [u.typed for u in units("đổi bằng lái xe máy ở đâu")[0]] == [["đổi"], ["bằng"], ["lái"], ["xe"], ["máy"]]
    assert [u.typed for u in units("lam lai the bhyt o dau")[0]] == [["the", "bhyt"]]
