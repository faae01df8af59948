"""results.json, report.md and report.html (with matplotlib plots embedded as PNG data URIs)."""

from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Any

HEADLINE = ["retrieval_hit@5", "mrr", "answer_accuracy", "lead_accuracy", "concise_accuracy", "abstention_recall",
            "false_abstention", "citation_validity", "citation_recall", "citation_precision"]
PLOTTED = ["retrieval_hit@5", "answer_accuracy", "citation_recall", "citation_precision"]


def _fmt(v: Any) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def _breakdown_rows(groups: dict[str, dict]) -> tuple[list[str], list[list[str]]]:
    header = ["group", "n", *HEADLINE]
    rows = [[g, str(s["questions"]), *(_fmt(s.get(m)) for m in HEADLINE)] for g, s in groups.items()]
    return header, rows


def _worst(result: dict, n: int = 10) -> list[dict]:
    def bad(r: dict) -> bool:
        return (r.get("answer_correct") is False or r.get("hit@5") is False
                or (r.get("citation_recall") is not None and r["citation_recall"] < 1)
                or (r["unanswerable"] and not r["abstained"]) or r.get("error") is not None)
    return [r for r in result["questions"] if bad(r)][:n]


def markdown(result: dict) -> str:
    s = result["summary"]
    parts = [
        "# ragqa evaluation",
        f"Source: `{result['source']}` · judge: `{result['judge']}`"
        + (f" · answer judge: `{result['answer_judge']}`" if result.get("answer_judge") else "")
        + f" · {result['config']['questions']} questions · {result['config']['finished_at']}",
        "## Summary",
        _table([[k, _fmt(v)] for k, v in s.items()], ["metric", "value"]),
        "## By question type",
        _table(*reversed(_breakdown_rows(result["by_type"]))),
        "## By language",
        _table(*reversed(_breakdown_rows(result["by_lang"]))),
        "## Cost",
        "```json\n" + json.dumps(result["cost"], indent=2) + "\n```",
        "## Questions to look at",
    ]
    rows = []
    for r in _worst(result, 50):
        rows.append([r["id"], r["type"], _fmt(r.get("hit@5")), _fmt(r.get("answer_correct")), _fmt(r["abstained"]),
                     _fmt(r.get("citation_recall")), _fmt(r.get("citation_precision")),
                     (r.get("error") or r["answer"]).replace("\n", " ").replace("|", "/")[:120]])
    parts.append(_table(rows, ["id", "type", "hit@5", "correct", "abstained", "cite R", "cite P", "answer"])
                 if rows else "None.")
    return "\n\n".join(parts) + "\n"


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def plots(result: dict) -> dict[str, str]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out = {}
    types = list(result["by_type"])
    fig, ax = plt.subplots(figsize=(9, 3.6))
    width = 0.8 / len(PLOTTED)
    for i, m in enumerate(PLOTTED):
        vals = [result["by_type"][t].get(m) or 0 for t in types]
        ax.bar([x + i * width for x in range(len(types))], vals, width, label=m)
    ax.set_xticks([x + width * (len(PLOTTED) - 1) / 2 for x in range(len(types))], types, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title("Metrics by question type")
    ax.legend(fontsize=8, ncol=len(PLOTTED), loc="lower center", bbox_to_anchor=(0.5, -0.42))
    out["by_type"] = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(6, 3.2))
    for endpoint in ("retrieve", "ask"):
        xs = [r["latency_ms"][endpoint] for r in result["questions"] if endpoint in (r.get("latency_ms") or {})]
        if xs:
            ax.hist(xs, bins=20, alpha=0.6, label=f"{endpoint} (n={len(xs)})")
    ax.set_xlabel("latency (ms)")
    ax.set_ylabel("questions")
    ax.set_title("Latency per endpoint")
    if ax.get_legend_handles_labels()[0]:
        ax.legend()
    out["latency"] = _png(fig)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5, 5))
    pts = [(r["citation_recall"], r["citation_precision"], r["id"]) for r in result["questions"]
           if r.get("citation_recall") is not None and r.get("citation_precision") is not None]
    ax.scatter([p[0] for p in pts], [p[1] for p in pts], alpha=0.6)
    for x, y, qid in pts:
        ax.annotate(qid, (x, y), fontsize=6, xytext=(2, 2), textcoords="offset points")
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-0.05, 1.05)
    ax.set_xlabel("citation recall")
    ax.set_ylabel("citation precision")
    ax.set_title("Citations per question")
    out["citations"] = _png(fig)
    plt.close(fig)
    return out


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def html_report(result: dict) -> str:
    imgs = plots(result)
    s = result["summary"]
    worst = [[r["id"], r["type"], _fmt(r.get("hit@5")), _fmt(r.get("answer_correct")), _fmt(r["abstained"]),
              _fmt(r.get("citation_recall")), _fmt(r.get("citation_precision")), (r.get("error") or r["answer"])[:200]]
             for r in _worst(result, 50)]
    return f"""<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>ragqa evaluation</title>
<style>body{{font-family:system-ui,'Noto Sans KR',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em}}
table{{border-collapse:collapse;margin:1em 0;font-size:14px}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:left}}
th{{background:#f3f3f3}}img{{max-width:100%}}</style></head><body>
<h1>ragqa evaluation</h1>
<p>Source: <code>{html.escape(result['source'])}</code> · judge: <code>{html.escape(result['judge'])}</code>
· {result['config']['questions']} questions · {html.escape(result['config']['finished_at'])}</p>
<h2>Summary</h2>{_html_table(["metric", "value"], [[k, _fmt(v)] for k, v in s.items()])}
<h2>By question type</h2>{_html_table(*_breakdown_rows(result['by_type']))}
<img alt="metrics by question type" src="{imgs['by_type']}">
<h2>By language</h2>{_html_table(*_breakdown_rows(result['by_lang']))}
<h2>Cost</h2><pre>{html.escape(json.dumps(result['cost'], indent=2))}</pre>
<img alt="latency histogram" src="{imgs['latency']}">
<h2>Citations</h2><img alt="citation precision and recall per question" src="{imgs['citations']}">
<h2>Questions to look at</h2>
{_html_table(["id", "type", "hit@5", "correct", "abstained", "cite R", "cite P", "answer"], worst)}
</body></html>
"""


def write(result: dict, out_dir: Path) -> dict[str, Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"json": out_dir / "results.json", "md": out_dir / "report.md", "html": out_dir / "report.html"}
    contents = {
        "json": json.dumps(result, ensure_ascii=False, indent=2) + "\n",
        "md": markdown(result),
        "html": html_report(result),
    }
    for key, path in paths.items():  # write-then-rename: a crash never leaves a half-written report
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(contents[key], encoding="utf-8")
        tmp.replace(path)
    return paths
