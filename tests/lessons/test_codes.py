from portal.core.codes import ALPHABET, CodeScheme
from portal.lessons.progress import LEARNER_CODES


def test_new_codes_are_valid_and_read_back_however_typed():
    for _ in range(200):
        code = LEARNER_CODES.new()
        assert code.startswith("HS-") and len(code) == 11
        assert LEARNER_CODES.normalize(code) == code
        assert LEARNER_CODES.normalize(code.lower().replace("-", " ")) == code
        assert LEARNER_CODES.normalize(code[3:]) == code  # without the prefix


def test_every_single_typo_and_swap_is_refused():
    code = LEARNER_CODES.from_values([1, 5, 9, 13, 17, 21])
    body = code.replace("HS-", "").replace("-", "")
    for i, symbol in enumerate(body):
        for other in ALPHABET:
            if other != symbol:
                assert LEARNER_CODES.normalize(body[:i] + other + body[i + 1:]) is None
    for i in range(len(body) - 1):
        if body[i] != body[i + 1]:
            swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
            assert LEARNER_CODES.normalize(swapped) is None


def test_lookalikes_and_garbage():
    code = LEARNER_CODES.from_values([0, 0, 0, 0, 0, 0])  # 2222…
    assert LEARNER_CODES.normalize(code.replace("2", "Z")) == code
    for bad in ("", None, "x" * 100, "HS-", "<script>", "'; DROP TABLE learners; --", "../../etc/passwd"):
        assert LEARNER_CODES.normalize(bad) is None


def test_schemes_differ_by_length():
    other = CodeScheme("PA", 7)
    assert other.normalize(LEARNER_CODES.new()) is None
    assert LEARNER_CODES.space == 23 ** 6
