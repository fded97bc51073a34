# SPDX-License-Identifier: GPL-2.0-only
"""Seeded, weighted randomness for the frame generator.

Everything the generator draws comes from one FuzzRandom, so a seed gives the
same frames on every run and every machine (random.Random's Mersenne Twister
is stable across Python 3 versions for the calls used here).
"""

import random


class FuzzRandom(random.Random):
    def pick(self, choices):
        """One value of [(weight, value), ...]; a callable value is called."""
        total = sum(w for w, _ in choices)
        x = self.random() * total
        for w, v in choices:
            x -= w
            if x < 0:
                return v() if callable(v) else v
        v = choices[-1][1]
        return v() if callable(v) else v

    def chance(self, p):
        return self.random() < p

    def bytes(self, n):
        return bytes(self.getrandbits(8) for _ in range(n))

    def u16(self):
        return self.getrandbits(16)

    def u32(self):
        """Uniform, or near the edges where wrap-around bugs live."""
        return self.pick([
            (6, lambda: self.getrandbits(32)),
            (1, lambda: (1 << 32) - 1 - self.randrange(4096)),
            (1, lambda: self.randrange(4096)),
            (1, lambda: (1 << 31) + self.randrange(-2048, 2048)),
        ])

    def small_len(self, hi):
        """A length in [0, hi], skewed towards small values."""
        return min(hi, int(self.expovariate(1.0 / max(1, hi / 4))))
