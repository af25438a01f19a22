"""The torch-only BERT (align/encoders/bert.py) against transformers' BertModel on the built e5."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from align.coverage import LAYERS
from align.encoders import bert, model_path
from align.encoders.spm import SpmTokenizer

SENTENCES = [
    "Наша страна уже направила туда 70 тонн продовольствия и медикаментов.",
    "Our country has already sent 700 tonnes of food and medicine there.",
    "Der Wind singt seine Melodie, während er über die Schneefelder streicht.",
    "Le vent siffle sa chanson en balayant ces champs de neige.",
    "شكراً جزيلاً سيادة الرئيس.",
    "我们希望这次访问很快就能实现。",
    "Ok.",
]


@pytest.fixture(scope="module")
def e5_dir() -> Path:
    return model_path("e5")


def test_the_built_e5_runs_without_transformers_and_matches_it(e5_dir: Path) -> None:
    from transformers import AutoModel

    lean = bert.load(e5_dir)
    assert lean is not None
    ref = AutoModel.from_pretrained(str(e5_dir), local_files_only=True).eval()
    batch = SpmTokenizer(e5_dir)(SENTENCES, max_length=512)
    with torch.inference_mode():
        ours = lean(**batch, output_hidden_states=True)
        theirs = ref(**batch, output_hidden_states=True)
    mask = batch["attention_mask"].bool()
    for n in (len(theirs.hidden_states) - 1, *LAYERS):
        cos = torch.nn.functional.cosine_similarity(
            ours.hidden_states[n][mask], theirs.hidden_states[n][mask], dim=-1
        )
        assert cos.min().item() > 0.99999, n
    assert torch.allclose(ours.last_hidden_state, ours.hidden_states[-1])


def test_other_layouts_are_left_to_transformers(tmp_path: Path, e5_dir: Path) -> None:
    assert bert.load(tmp_path) is None  # no config, no weights
    (tmp_path / "config.json").write_text('{"model_type": "xlm-roberta"}')
    (tmp_path / "model.safetensors").symlink_to(e5_dir / "model.safetensors")
    assert bert.load(tmp_path) is None


def test_loading_e5_and_embedding_imports_no_transformers(e5_dir: Path) -> None:
    """Start-up: transformers' import is most of the seconds a process used to need."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from align import Aligner\n"
        "vec = Aligner('e5', cache=False).encoder.encode(['Guten Tag.'], 1)\n"
        "assert vec.shape == (1, 384), vec.shape\n"
        "print('transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
