"""The embedded model's server: llama-cpp-python's OpenAI-compatible server, with the reply
schema's grammar checked lazily. llama-cpp-python applies the grammar to every token of the
vocabulary (~150,000) before each greedy pick, which costs about a third of a reply token's
time here. At temperature 0 the pick is the highest-scoring token the grammar allows, so this
checks the highest-scoring token alone first and applies the grammar to the whole vocabulary
only when that one is not allowed, as llama.cpp's own sampler does: the same replies, sooner.

    python -m extractor._server --model M.gguf --port N ...   (the arguments of llama_cpp.server)
"""

from __future__ import annotations

import ctypes
import math
from typing import Any

import llama_cpp
import numpy as np
from llama_cpp import _internals

_DATA = np.dtype([("id", np.int32), ("logit", np.float32), ("p", np.float32)])
assert _DATA.itemsize == ctypes.sizeof(llama_cpp.llama_token_data)


class _LazyGrammar:
    """A sampler of the chain wrapping llama.cpp's grammar sampler: the best candidate is
    checked alone; the whole array only when the grammar rejects it."""

    def __init__(self, model: Any, grammar: Any) -> None:
        self.grammar = llama_cpp.llama_sampler_init_grammar(
            model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        self.one = (llama_cpp.llama_token_data * 1)()
        self.single = llama_cpp.llama_token_data_array(data=self.one, size=1, selected=-1, sorted=False)

        def apply(_: Any, cur_p: Any) -> None:
            array = cur_p.contents
            if array.size > 1 and array.selected < 0:
                data = (llama_cpp.llama_token_data * array.size).from_address(
                    ctypes.addressof(array.data.contents)
                )
                best = int(np.argmax(np.frombuffer(data, dtype=_DATA)["logit"]))
                self.one[0] = data[best]
                self.single.size, self.single.selected, self.single.sorted = 1, -1, False
                llama_cpp.llama_sampler_apply(self.grammar, ctypes.byref(self.single))
                if math.isfinite(self.one[0].logit):
                    return  # the greedy pick is one the grammar allows: nothing to remove
            llama_cpp.llama_sampler_apply(self.grammar, cur_p)

        def accept(_: Any, token: int) -> None:
            llama_cpp.llama_sampler_accept(self.grammar, token)

        def reset(_: Any) -> None:
            llama_cpp.llama_sampler_reset(self.grammar)

        self._callbacks = (  # kept alive as long as the chain may call them
            llama_cpp.llama_sampler_i_apply(apply),
            llama_cpp.llama_sampler_i_accept(accept),
            llama_cpp.llama_sampler_i_reset(reset),
        )
        iface = llama_cpp.llama_sampler_i()
        iface.name = llama_cpp.llama_sampler_i_name(0)
        iface.apply, iface.accept, iface.reset = self._callbacks
        iface.clone = llama_cpp.llama_sampler_i_clone(0)
        iface.free = llama_cpp.llama_sampler_i_free(0)
        self._iface = iface
        self.sampler = llama_cpp.llama_sampler()
        self.sampler.iface = ctypes.pointer(iface)
        self.sampler.ctx = None

    def __del__(self) -> None:
        if getattr(self, "grammar", None) is not None:
            llama_cpp.llama_sampler_free(self.grammar)
            self.grammar = None


def _add_lazy_grammar(self: Any, model: Any, grammar: Any) -> None:
    lazy = _LazyGrammar(model, grammar)
    llama_cpp.llama_sampler_chain_add(self.sampler, ctypes.pointer(lazy.sampler))
    # the chain must not free it (it is Python's): removed before the chain is freed, as
    # llama-cpp-python does with its own custom samplers
    self.custom_samplers.append((llama_cpp.llama_sampler_chain_n(self.sampler) - 1, lazy))


def main() -> None:
    _internals.LlamaSampler.add_grammar = _add_lazy_grammar
    from llama_cpp.server.__main__ import main as serve

    serve()


if __name__ == "__main__":
    main()
