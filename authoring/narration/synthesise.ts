import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Language } from '../../core/contract';

const run = promisify(execFile);

/** Debian's espeak-ng voices for the kiosk's languages. */
export const VOICES: Record<Language, string> = { ky: 'ky', ru: 'ru', en: 'en-gb' };
/** Words a minute: slower than espeak-ng's 175, for people hearing a computer voice for the first time. */
const SPEED = 140;
/** Pause between sentences spoken one by one, so cues can light one sentence at a time. */
const SENTENCE_GAP_SECONDS = 0.45;
/** Mono Opus at 16 kbit/s: clear speech, about 2 KB a second, small enough to carry on sticks and commit. */
const ENCODE = ['-ac', '1', '-ar', '16000', '-c:a', 'libopus', '-b:a', '16k', '-application', 'voip', '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact'];

export interface Synthesised {
  voice: string;
  /** When each sentence is spoken, in seconds. */
  cues: Array<{ start: number; end: number }>;
}

/**
 * Speaks the sentences one after the other (with a short pause between them) with espeak-ng and
 * writes them as one Ogg Opus file.
 */
export async function synthesiseFile(out: string, sentences: readonly string[], language: Language): Promise<Synthesised> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-narrate-'));
  try {
    const voice = VOICES[language];
    const parts: string[] = [];
    const cues: Array<{ start: number; end: number }> = [];
    let at = 0;
    for (const [i, sentence] of sentences.entries()) {
      const textFile = path.join(work, `${i}.txt`);
      const wav = path.join(work, `${i}.wav`);
      fs.writeFileSync(textFile, sentence);
      await run('espeak-ng', ['-v', voice, '-s', String(SPEED), '-b', '1', '-f', textFile, '-w', wav]);
      const seconds = wavSeconds(wav);
      if (i > 0) at += SENTENCE_GAP_SECONDS;
      cues.push({ start: round(at), end: round(at + seconds) });
      at += seconds;
      parts.push(wav);
    }
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const inputs = parts.flatMap((p) => ['-i', p]);
    // Sentences joined with a pause: each sentence, then silence, except after the last.
    const filter =
      parts.map((_, i) => (i < parts.length - 1 ? `[${i}:a]apad=pad_dur=${SENTENCE_GAP_SECONDS}[p${i}];` : '')).join('') +
      parts.map((_, i) => (i < parts.length - 1 ? `[p${i}]` : `[${i}:a]`)).join('') +
      `concat=n=${parts.length}:v=0:a=1[a]`;
    await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', filter, '-map', '[a]', ...ENCODE, out]);
    return { voice: `espeak-ng ${voice}`, cues };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The length of a PCM WAV as espeak-ng writes it, from its header. */
function wavSeconds(file: string): number {
  const bytes = fs.readFileSync(file);
  const byteRate = bytes.readUInt32LE(28);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    // espeak-ng writes 0x7fffffff-ish sizes when streaming; the data then runs to the end of the file.
    if (id === 'data') return Math.min(size, bytes.length - offset - 8) / byteRate;
    offset += 8 + size;
  }
  throw new Error(`${file}: no audio data`);
}

export async function requireTools(): Promise<void> {
  for (const [tool, flag] of [['espeak-ng', '--version'], ['ffmpeg', '-version']] as const) {
    try {
      await run(tool, [flag]);
    } catch {
      throw new Error(`${tool} is not installed. On Debian or Ubuntu: sudo apt-get install espeak-ng ffmpeg`);
    }
  }
}

/** Two at a time: the machines content is made on have few cores. */
export async function inPairs<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all([worker(), worker()]);
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
