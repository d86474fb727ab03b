"""The environment stays lean: camel-tools' ML stack is overridden out of the lock."""

import importlib.metadata
import importlib.util

import pytest


@pytest.mark.parametrize("package", ["torch", "transformers", "camel-kenlm", "scikit-learn"])
def test_unused_ml_stack_is_not_installed(package):
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version(package)


def test_the_camel_tools_parts_we_use_import():
    assert importlib.util.find_spec("camel_tools.utils.normalize") is not None
    from camel_tools.tokenizers.word import simple_word_tokenize

    assert simple_word_tokenize("قال زاس: نعم") == ["قال", "زاس", ":", "نعم"]
