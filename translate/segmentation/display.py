"""What `translate segment` shows: each block's kind, disposition, language, reason and
sentences, as text for an editor or as JSON for tools."""

from __future__ import annotations

import json

from translate.document import Document


def describe(document: Document) -> dict[str, object]:
    """The segmented document as plain data (offsets are into the source text)."""
    blocks = []
    for number, block in enumerate(document.blocks, 1):
        entry = block.catalog_entry
        blocks.append(
            {
                "number": number,
                "kind": block.kind.value,
                "disposition": block.disposition.value,
                "language": block.language or document.language,
                "reason": block.reason,
                "catalog_entry": {"site": entry[0], "msgid": entry[1]} if entry else None,
                "start": block.start,
                "end": block.end,
                "text": block.text,
                "sentences": [
                    {"start": segment.start, "end": segment.end, "text": segment.text} for segment in block.segments
                ],
            }
        )
    return {
        "source": document.name,
        "language": document.language,
        # How the language was told: given (--from), or identified (method, confidence).
        "language_identified": document.metadata.get("language"),
        "site": document.metadata.get("site"),
        "url": document.metadata.get("url"),
        "sentences": len(document.translatable_segments()),
        "blocks": blocks,
    }


def render_json(document: Document) -> str:
    return json.dumps(describe(document), ensure_ascii=False, indent=2)


def render_text(document: Document) -> str:
    """One header line per block (number, kind, disposition, language, reason), then its
    sentences with their offsets, or its text when nothing of it is translated."""
    data = describe(document)
    site = f", site {data['site']}" if data["site"] else ""
    told = data["language_identified"]
    how = ""
    if isinstance(told, dict):
        how = f" ({told['method']}" + (f", p={told['confidence']}" if "confidence" in told else "") + ")"
    lines = [f"{data['source']}: language {data['language']}{how}{site}; {len(document.blocks)} blocks, "
             f"{data['sentences']} sentences to translate"]
    for block in data["blocks"]:
        lines.append(
            f"{block['number']:>3} {block['kind']:<9} {block['disposition']:<9} {block['language'] or '?':<3} "
            f"{block['reason']}"
        )
        if block["sentences"]:
            for number, sentence in enumerate(block["sentences"], 1):
                lines.append(f"      {number:>2} [{sentence['start']}:{sentence['end']}] {sentence['text']}")
        else:
            lines.append(f"         | {block['text']}")
    return "\n".join(lines)
