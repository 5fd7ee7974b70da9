#!/usr/bin/env python3
"""Scores reportgen's extraction on the annotated articles of ../shared/eval.

For every article in EVAL/dev/articles it runs `reportgen inspect --json`, converts the model
(report.json) to the evaluation schema, writes it to OUT, then runs the eval's own scorer.

    scripts/eval.py [--reportgen .build/release/reportgen] [--eval ../shared/eval] [--out /tmp/rg-eval]
"""
import argparse, json, os, subprocess, sys

KIND = {"organization": "org", "person": "person", "product": "product", "place": "place",
        "media": "media", "regulator": "regulator", "other": "other"}


def export(report):
    names = {e["id"]: e["name"] for e in report["entities"]}
    truncation = report["truncation"]
    return {
        "language": report["metadata"]["language"],
        "entities": [{"name": e["name"], "type": KIND[e["kind"]], "aliases": e["aliases"], "role": e.get("role")}
                     for e in report["entities"]],
        "dates": [{"text": d["text"], "value": d.get("value"), "relative": d["relative"]} for d in report["dates"]],
        "amounts": [{"text": a["text"], "value": a["value"], "currency": a["currency"], "qualifier": a["qualifier"]}
                    for a in report["amounts"]],
        "quotes": [{"speaker": names.get(q.get("speaker")), "start": " ".join(q["text"].split()[:6])}
                   for q in report["quotes"]],
        "truncation": {"paywall": truncation["paywall"], "ends_mid_sentence": truncation["endsMidSentence"],
                       "dropped_embed": bool(truncation["droppedEmbeds"])},
    }


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reportgen", default=os.path.join(root, ".build", "release", "reportgen"))
    parser.add_argument("--eval", default=os.path.join(root, "..", "shared", "eval"))
    parser.add_argument("--out", default="/tmp/reportgen-eval")
    parser.add_argument("--per-article", action="store_true")
    args = parser.parse_args()
    articles = os.path.join(args.eval, "dev", "articles")
    if not os.path.isdir(articles):
        sys.exit(f"no eval articles at {articles}")
    os.makedirs(args.out, exist_ok=True)
    for name in sorted(os.listdir(articles)):
        stem, _ = os.path.splitext(name)
        result = subprocess.run([args.reportgen, "inspect", "--json", os.path.join(articles, name)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"reportgen failed on {name}:\n{result.stderr}")
        with open(os.path.join(args.out, stem + ".json"), "w", encoding="utf-8") as f:
            json.dump(export(json.loads(result.stdout)), f, ensure_ascii=False, indent=1)
    command = [sys.executable, os.path.join(args.eval, "score.py"), os.path.join(args.eval, "dev", "gold"), args.out]
    if args.per_article:
        command.append("--per-article")
    sys.exit(subprocess.call(command))


if __name__ == "__main__":
    main()
