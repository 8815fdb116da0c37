"""Cross-document linking over what the store holds. Entity resolution: ``entities`` (the ``Linker``),
``forms`` (its blocking index), ``names`` (folding and the pair rules), ``corrections`` (user merges,
splits, renames and aliases files)."""
