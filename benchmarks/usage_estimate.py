"""How close ``estimate_tokens`` (the `usage` of extractive answers) comes to a real BPE tokenizer:
cl100k_base from the tiktoken cache llama-index-core ships (no download), over the corpus's paragraphs and
the English lines of the README and docs/quality-log.md. Run: TIKTOKEN_CACHE_DIR=$(python -c "import llama_index.core, os;
print(os.path.join(os.path.dirname(llama_index.core.__file__), '_static', 'tiktoken_cache'))")
python benchmarks/usage_estimate.py"""

import glob
import re
import statistics
from pathlib import Path

import tiktoken

from service.api.chat import estimate_tokens

REPO = Path(__file__).resolve().parent.parent


def measure(label: str, paras: list[str], enc) -> None:
    ratios = sorted(estimate_tokens(p) / len(enc.encode(p)) for p in paras)
    est = sum(estimate_tokens(p) for p in paras)
    true = sum(len(enc.encode(p)) for p in paras)
    print(f"{label}: {len(paras)} texts, estimate/cl100k total {est / true:.3f}, median {statistics.median(ratios):.3f}, "
          f"p10 {ratios[len(ratios) // 10]:.3f}, p90 {ratios[9 * len(ratios) // 10]:.3f}")


def main() -> None:
    enc = tiktoken.get_encoding("cl100k_base")
    ko = []
    for path in sorted(glob.glob(str(REPO / "corpus" / "**" / "*.*"), recursive=True)):
        ko += [p for p in Path(path).read_text(encoding="utf-8", errors="ignore").split("\n") if len(p.strip()) > 40]
    measure("corpus paragraphs (Korean)", ko, enc)
    # the README and the quality log split off it at stop 34: the same English text the estimate was measured on
    text = "\n".join((REPO / name).read_text(encoding="utf-8") for name in ("README.md", "docs/quality-log.md"))
    en = [p for p in text.split("\n")
          if len(p) > 60 and not re.search(r"[\uac00-\ud7a3]", p) and not p.startswith(("|", " ", "`"))]
    measure("README lines (English, markdown)", en, enc)


if __name__ == "__main__":
    main()
