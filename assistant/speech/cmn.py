"""Per-utterance cepstral mean normalisation (CMN) for PocketSphinx.

PocketSphinx normalises every frame by a running estimate of the cepstral mean
and moves that estimate at each utterance's end. Left alone, the estimate drifts
with whatever was heard last: after one partner's voice or a noisy sentence the
next command decodes with the wrong mean (measured: the same clip decoded right
once, then "the call how much time the list" four times in a row as the
estimate settled on it). Results then depend on history, not on the speech.

Here every utterance starts from the model's own prior and gets a mean of its
own, in two steps:
- *anchor*: once `anchor_s` of speech has come in, the mean is estimated from
  it and the utterance is decoded again from its start (a few hundred
  milliseconds of audio), so the partial results that early decisions read
  come from a mean that fits this voice;
- *whole*: once the utterance has ended, the estimate from all of it, used when
  the listener asks for a second reading (`SphinxRecognizer.reread`).
Both blend the utterance's own mean with the prior (`blend`): the model was
trained on means over speech *and* the silence around it, so the mean of the
speech alone overshoots (measured on the tune split: blend 0.0 59%, 0.3 74%,
0.5 77%, 0.7 73% correct intents, without early decisions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def start_pass(decoder, mean: str) -> None:  # type: ignore[no-untyped-def]
    """Start a decoding pass of a PocketSphinx `decoder` from the cepstral mean `mean`
    (`format_mean`) and from nothing else it heard before. `set_cmn` alone is not
    enough: the decoder's feature computation keeps other state from the audio it
    processed, so the same speech read differently after other speech (the same clip's
    word posteriors moved by up to 0.04 with the audio decoded before it, and two runs of
    a benchmark differed in a few decisions of 252 with the order of the utterances).
    `reinit_feat` rebuilds that computation (about 0.1 ms)."""
    decoder.reinit_feat()
    decoder.set_cmn(mean)
    decoder.start_utt()


LIVE_WINDOW_FRAMES = 500
"""Frames of weight PocketSphinx's live CMN gives its current estimate when it
adds an utterance's frames (its CMN window): used to recover the utterance's own
mean from the updated estimate."""


def parse_mean(text: str) -> np.ndarray:
    """PocketSphinx's comma-separated cepstral mean as a vector."""
    return np.array([float(x) for x in text.split(",")], dtype=np.float64)


def format_mean(mean: np.ndarray) -> str:
    return ",".join(f"{x:.4f}" for x in mean)


def own_mean(before: np.ndarray, after: np.ndarray, frames: float) -> np.ndarray:
    """The mean of an utterance of `frames` frames, from PocketSphinx's estimate
    `before` it was decoded and `after` (a weighted average of the two)."""
    frames = max(frames, 1.0)
    return before + (after - before) * (LIVE_WINDOW_FRAMES + frames) / frames


@dataclass(frozen=True)
class CmnPolicy:
    """How each utterance's cepstral mean is chosen.

    Attributes:
        blend: weight of the utterance's own mean against the model's prior
            (0: the prior only; 1: the utterance's mean only).
        anchor_s: seconds of speech after which the mean is re-estimated and
            the utterance decoded again from its start (0: never).
        max_redecode_s: utterances longer than this are not kept for a second
            reading (a TV running on: not a command, not worth it).
    """

    blend: float = 0.5
    anchor_s: float = 0.8
    max_redecode_s: float = 10.0

    def target(self, prior: np.ndarray, before: np.ndarray, after: np.ndarray, frames: float):
        """The mean to decode with: the utterance's own, blended with the prior."""
        return prior + self.blend * (own_mean(before, after, frames) - prior)
