"""Short audio files for the demo's broadcasts: a few synthesised tones (a station's jingle),
encoded as MP3 with LAME (the lameenc wheel) on the fly. Nothing is downloaded."""

import math
from array import array

import lameenc

RATE = 22_050  # samples a second: a voice channel's quality, small files
# A jingle: notes (Hz) of a pentatonic tune, each this many seconds, then a held chord.
TUNE = [392.0, 440.0, 523.25, 587.33, 659.25, 587.33, 523.25, 440.0]
NOTE = 0.45


def tone(frequencies, seconds, volume=0.3):
    """Samples of `frequencies` sounding together, faded in and out (no clicks)."""
    count = int(RATE * seconds)
    fade = int(RATE * 0.03)
    samples = []
    for i in range(count):
        envelope = min(1.0, i / fade, (count - i) / fade)
        value = sum(math.sin(2 * math.pi * f * i / RATE) for f in frequencies) / len(frequencies)
        samples.append(int(32767 * volume * envelope * value))
    return samples


def jingle_mp3(seconds, transpose=1.0):
    """An MP3 of about `seconds`: the tune (transposed by `transpose`), again and again, and a
    chord at the end; 48 kbit/s mono."""
    samples = []
    while len(samples) < RATE * (seconds - 1.5):
        for frequency in TUNE:
            samples += tone([frequency * transpose], NOTE)
    samples += tone([261.63 * transpose, 329.63 * transpose, 392.0 * transpose], 1.5)
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(48)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(7)  # fast
    return bytes(encoder.encode(array("h", samples).tobytes()) + encoder.flush())
