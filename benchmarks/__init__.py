"""``make bench`` / ``python -m benchmarks``: the register at national size, measured.

Builds two throwaway registers (small and large, see ``registers.SIZES``), then runs
every measurement in a child process of its own (so that its peak memory is its own)
against the product's own code paths, a plain django-import-export ``ModelResource``
(the peer) and the physical limit (``limits.py``), and writes ``var/bench.json`` and a
table. See the README's "Performance" section and docs/benchmarks.md.
"""
