"""Library figures: file sizes the project makes, text extraction time per format, and the
reading version's page sizes (raw and compressed) for a long legal text.

    .venv/bin/python bench/library.py [--paragraphs N]

Makes a long Vietnamese legal text as PDF, EPUB, DOCX and ODT with the project's own makers,
extracts each back (timing it), cuts the reading pages, and prints one table; not a test.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from portal.library import makers  # noqa: E402
from portal.library.extract import extract_text  # noqa: E402
from portal.library.reading import paginate  # noqa: E402

ARTICLE = ("Điều {n}. Người sử dụng đất nộp hồ sơ tại bộ phận một cửa của Ủy ban nhân dân xã, phường, hoặc trên "
           "Cổng dịch vụ công quốc gia; cán bộ tiếp nhận ghi giấy biên nhận, hẹn ngày trả kết quả và hướng dẫn "
           "bổ sung một lần, bằng văn bản, những giấy tờ còn thiếu. Quá hẹn mà chưa có kết quả, người dân có "
           "quyền hỏi lý do và phản ánh đến Ủy ban Mặt trận Tổ quốc cấp xã để được giám sát, giúp đỡ.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--paragraphs", type=int, default=400)
    args = parser.parse_args()
    paragraphs = [ARTICLE.format(n=n) for n in range(1, args.paragraphs + 1)]
    title = "Luật Đất đai (bản dài để đo)"
    files = {
        "pdf": makers.make_pdf(title, paragraphs),
        "epub": makers.make_epub(title, [(f"Chương {c + 1}", paragraphs[c * 50:(c + 1) * 50])
                                         for c in range(-(-len(paragraphs) // 50))]),
        "docx": makers.make_docx(title, paragraphs),
        "odt": makers.make_odt(title, paragraphs),
    }
    print(f"{'format':<6} {'file':>10} {'extract ms':>11} {'chars':>9}")
    text = ""
    for fmt, data in files.items():
        times = []
        for _ in range(3):
            start = time.perf_counter()
            text = extract_text(fmt, data)
            times.append((time.perf_counter() - start) * 1000)
        print(f"{fmt:<6} {len(data):>10,} {statistics.median(times):>11.0f} {len(text):>9,}")
    pages = paginate(text)
    raw = [len("\n".join(page).encode()) for page in pages]
    packed = [len(gzip.compress("\n".join(page).encode(), 6)) for page in pages]
    print(f"\nreading version: {len(pages)} pages; text per page {statistics.median(raw):,.0f} B "
          f"(max {max(raw):,}), gzip {statistics.median(packed):,.0f} B (max {max(packed):,})")


if __name__ == "__main__":
    main()
