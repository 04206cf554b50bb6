#!/usr/bin/env node
// Regenerates the media of the "practice tour" lesson of the bundled pack kg.ayil.first-steps
// (course practice-tour, lesson every-step):
//
//   files/audio/<lang>/safety-narration.ogg   narration per language, spoken by espeak-ng from the
//                                            audio step's transcript in manifest.json, Ogg Opus mono;
//                                            the step's `cues` in manifest.json are rewritten to match
//   files/video/click-button.webm            a 4 s silent VP9 animation (pointer moves, clicks a button)
//   files/video/click-button-poster.png      its poster (a frame of the video)
//   files/video/click-button.<lang>.vtt      its captions per language (texts below)
//
// Only content authors need this: it needs espeak-ng, ffmpeg and ffprobe on PATH
// (Debian/Ubuntu: apt-get install espeak-ng ffmpeg). The generated files are committed, and the
// app's build only packs them. The picture files/images/computer.svg is hand-written, not generated.
//
// Usage (from the repository root):
//   node content-packs/tools/make-tour-assets.mjs             audio and video
//   node content-packs/tools/make-tour-assets.mjs --only audio
//   node content-packs/tools/make-tour-assets.mjs --only video
//   node content-packs/tools/make-tour-assets.mjs --pack <folder>   another copy of the pack source
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const COURSE_ID = 'practice-tour';
const LESSON_ID = 'every-step';
const AUDIO_STEP_ID = 'safety-narration';
const VIDEO_STEP_ID = 'click-video';

/** espeak-ng voices to use per pack language, best first (the first one installed is used). */
const VOICES = { ky: ['ky', 'kk', 'tr'], ru: ['ru'], en: ['en-gb', 'en'] };
/** Words per minute: slower than espeak-ng's 175, for people hearing a computer voice the first time. */
const SPEED = 140;
/** Silence between two transcript sentences, in seconds (not part of any cue). */
const GAP = 0.45;
/** Opus bit rate: speech, mono. */
const AUDIO_BITRATE = '24k';

/** The video: 640×360, 12 frames a second, 4 seconds. Times in seconds. */
const VIDEO = { width: 640, height: 360, fps: 12, duration: 4, moveFrom: 0.4, moveTo: 1.9, pressFrom: 2.0, doneFrom: 2.5, posterAt: 1.2 };
/** Captions of the video: [start, end, text per language]. Learner-visible: keep in ky, ru and en. */
const CAPTIONS = [
  [0, 2, { ky: 'Курсор жашыл баскычка жылат.', ru: 'Указатель мыши движется к зелёной кнопке.', en: 'The pointer moves to the green button.' }],
  [2, 4, { ky: 'Бир жолу чыкылдатуу — жана иш бүттү.', ru: 'Один щелчок — и готово.', en: 'One click, and it is done.' }],
];

// ---------------------------------------------------------------------------------------------

/** A problem to report in one line (no stack trace). */
class Failure extends Error {}

let manifestFile, filesDir, manifestText, work;

try {
  main();
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  console.error(`make-tour-assets: ${error.message}`);
  process.exitCode = 1;
}

function main() {
  const args = process.argv.slice(2);
  const option = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const only = option('--only');
  if (only !== undefined && only !== 'audio' && only !== 'video') fail('--only takes "audio" or "video"');
  const packDir = path.resolve(option('--pack') ?? path.join(HERE, '..', 'kg.ayil.first-steps'));
  manifestFile = path.join(packDir, 'manifest.json');
  filesDir = path.join(packDir, 'files');

  for (const [tool, flag] of [['espeak-ng', '--version'], ['ffmpeg', '-version'], ['ffprobe', '-version']]) {
    try {
      execFileSync(tool, [flag], { stdio: 'ignore' });
    } catch {
      fail(`${tool} is not installed (Debian/Ubuntu: apt-get install espeak-ng ffmpeg)`);
    }
  }

  manifestText = fs.readFileSync(manifestFile, 'utf8');
  const manifest = JSON.parse(manifestText);
  const lesson = manifest.courses.find((c) => c.id === COURSE_ID)?.lessons.find((l) => l.id === LESSON_ID);
  if (!lesson) fail(`${manifestFile} has no lesson ${COURSE_ID}/${LESSON_ID}`);
  const step = (id, kind) => lesson.steps.find((s) => s.id === id && s.kind === kind) ?? fail(`lesson ${LESSON_ID} has no ${kind} step ${id}`);

  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ayil-tour-assets-'));
  try {
    if (only !== 'video') makeAudio(step(AUDIO_STEP_ID, 'audio'));
    if (only !== 'audio') makeVideo(step(VIDEO_STEP_ID, 'video'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

// --- audio -----------------------------------------------------------------------------------

function makeAudio(audio) {
  let text = manifestText;
  for (const [lang, track] of Object.entries(audio.tracks)) {
    const sentences = audio.transcript[lang];
    if (!sentences?.length) fail(`the audio step has a ${lang} track but no ${lang} transcript`);
    const voice = pickVoice(lang);
    const wanted = (VOICES[lang] ?? [lang])[0];
    if (voice !== wanted) console.warn(`make-tour-assets: no espeak-ng voice "${wanted}"; ${lang} narration uses "${voice}"`);

    // One WAV per sentence, so each sentence's start and end are known exactly.
    const parts = [];
    const cues = [];
    let at = 0;
    sentences.forEach((sentence, i) => {
      const wav = path.join(work, `${lang}-${i}.wav`);
      run('espeak-ng', ['-v', voice, '-s', String(SPEED), '-w', wav, sentence]);
      const duration = probeDuration(wav);
      if (i > 0) {
        parts.push(silence(lang, GAP, sampleRate(wav)));
        at += GAP;
      }
      parts.push(wav);
      cues.push({ start: round(at), end: round(at + duration) });
      at += duration;
    });

    const out = path.join(filesDir, track.file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const inputs = parts.flatMap((p) => ['-i', p]);
    const concat = `${parts.map((_, i) => `[${i}:a]`).join('')}concat=n=${parts.length}:v=0:a=1[a]`;
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...inputs, '-filter_complex', concat, '-map', '[a]',
      '-ac', '1', '-c:a', 'libopus', '-b:a', AUDIO_BITRATE, '-application', 'voip',
      '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', out]);

    // The encoded file may end a few samples earlier or later than the sum of the parts.
    const total = probeDuration(out);
    const last = cues[cues.length - 1];
    if (last.end > total) last.end = round(total);
    console.log(`make-tour-assets: ${path.relative(process.cwd(), out)} (${voice}, ${total.toFixed(2)} s, ${fs.statSync(out).size} bytes) cues ${cues.map((c) => `${c.start}–${c.end}`).join(', ')}`);
    text = writeCues(text, track.file, cues);
  }
  if (text !== manifestText) fs.writeFileSync(manifestFile, text);
}

/** The first voice of VOICES[lang] that espeak-ng has. */
function pickVoice(lang) {
  for (const voice of VOICES[lang] ?? [lang]) {
    const listing = execFileSync('espeak-ng', [`--voices=${voice}`], { encoding: 'utf8' });
    // Lines after the header: "Pty Language Age/Gender VoiceName File Other Languages".
    if (listing.split('\n').slice(1).some((line) => line.trim().split(/\s+/)[1] === voice)) return voice;
  }
  fail(`espeak-ng has no voice for ${lang} (tried ${(VOICES[lang] ?? [lang]).join(', ')})`);
}

function silence(lang, seconds, rate) {
  const wav = path.join(work, `${lang}-gap.wav`);
  if (!fs.existsSync(wav)) {
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `anullsrc=r=${rate}:cl=mono`, '-t', String(seconds), '-c:a', 'pcm_s16le', wav]);
  }
  return wav;
}

/**
 * Puts the cues into the track's line of manifest.json, leaving every other byte as it is
 * (the manifest is hand-formatted). The track must read `"file": "<path>", "cues": [...]`.
 */
function writeCues(text, file, cues) {
  const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`("file":\\s*"${escaped}",\\s*"cues":\\s*)\\[[^\\]]*\\]`);
  if (!pattern.test(text)) fail(`manifest.json: the track "${file}" must be written as { "file": "${file}", "cues": [] } for the cues to be filled in`);
  const json = `[${cues.map((c) => `{ "start": ${c.start}, "end": ${c.end} }`).join(', ')}]`;
  const next = text.replace(pattern, (_, head) => head + json);
  JSON.parse(next); // still valid JSON
  return next;
}

// --- video -----------------------------------------------------------------------------------

function makeVideo(video) {
  const { width: W, height: H, fps, duration } = VIDEO;
  const svg = (name, body) => {
    const file = path.join(work, `${name}.svg`);
    fs.writeFileSync(file, `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`);
    return file;
  };
  const button = (fill, dy = 0) => `<rect x="390" y="${232 + dy}" width="110" height="44" rx="8" fill="${fill}"/>`;
  const scene = svg('scene', `
    <rect width="${W}" height="${H}" fill="#bfe3f5"/>
    <rect x="120" y="56" width="400" height="248" rx="10" fill="#ffffff" stroke="#7d8894" stroke-width="2"/>
    <path d="M120 66 a10 10 0 0 1 10 -10 h380 a10 10 0 0 1 10 10 v24 h-400 z" fill="#3f7fbf"/>
    <circle cx="498" cy="73" r="7" fill="#e86a5a"/>
    <rect x="150" y="116" width="240" height="12" rx="6" fill="#c9d1d9"/>
    <rect x="150" y="142" width="180" height="12" rx="6" fill="#c9d1d9"/>
    <rect x="150" y="168" width="210" height="12" rx="6" fill="#c9d1d9"/>
    ${button('#3a9d5d')}`);
  const pressed = svg('pressed', `${button('#22703d', 2)}<circle cx="445" cy="256" r="30" fill="none" stroke="#ffffff" stroke-width="4" opacity="0.8"/>`);
  const done = svg('done', `${button('#3a9d5d')}
    <circle cx="320" cy="190" r="56" fill="#3a9d5d"/>
    <path d="M292 190 l20 20 l36 -38" fill="none" stroke="#ffffff" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>`);
  const cursor = path.join(work, 'cursor.svg');
  fs.writeFileSync(cursor, '<svg xmlns="http://www.w3.org/2000/svg" width="32" height="44" viewBox="0 0 32 44"><path d="M2 2 v34 l8 -8 l7 14 l6 -3 l-7 -14 h12 z" fill="#ffffff" stroke="#1f2328" stroke-width="2.5" stroke-linejoin="round"/></svg>');

  // The pointer's tip (the image's top-left) glides from the lower left to the button, eased.
  const [x0, y0, x1, y1] = [70, 320, 440, 250];
  const p = `clip((t-${VIDEO.moveFrom})/${VIDEO.moveTo - VIDEO.moveFrom},0,1)`;
  const ease = `(${p})*(${p})*(3-2*(${p}))`;
  const filter = [
    `[0:v]format=rgba[bg]`,
    `[bg][2:v]overlay=enable='between(t,${VIDEO.pressFrom},${VIDEO.doneFrom})'[pressed]`,
    `[pressed][3:v]overlay=enable='gte(t,${VIDEO.doneFrom})'[done]`,
    `[done][1:v]overlay=x='${x0}+(${x1 - x0})*${ease}':y='${y0}+(${y1 - y0})*${ease}':eval=frame,format=yuv420p[v]`,
  ].join(';');
  const still = (file) => ['-loop', '1', '-framerate', String(fps), '-t', String(duration), '-i', file];
  const out = path.join(filesDir, video.file);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...still(scene), ...still(cursor), ...still(pressed), ...still(done),
    '-filter_complex', filter, '-map', '[v]', '-t', String(duration), '-r', String(fps), '-an',
    '-c:v', 'libvpx-vp9', '-crf', '40', '-b:v', '0', '-deadline', 'good', '-cpu-used', '2', '-threads', '1',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', out]);
  console.log(`make-tour-assets: ${path.relative(process.cwd(), out)} (${probeDuration(out).toFixed(2)} s, ${fs.statSync(out).size} bytes)`);

  if (video.poster) {
    const poster = path.join(filesDir, video.poster);
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', '-ss', String(VIDEO.posterAt), '-i', out, '-frames:v', '1',
      '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', poster]);
    console.log(`make-tour-assets: ${path.relative(process.cwd(), poster)} (${fs.statSync(poster).size} bytes)`);
  }
  for (const [lang, file] of Object.entries(video.captions ?? {})) {
    const cues = CAPTIONS.map(([start, end, text]) => {
      if (!text[lang]) fail(`no ${lang} caption text in ${path.basename(fileURLToPath(import.meta.url))}`);
      return `${vttTime(start)} --> ${vttTime(end)}\n${text[lang]}\n`;
    });
    const vtt = path.join(filesDir, file);
    fs.writeFileSync(vtt, `WEBVTT\n\n${cues.join('\n')}`);
    console.log(`make-tour-assets: ${path.relative(process.cwd(), vtt)}`);
  }
}

function vttTime(seconds) {
  const ms = Math.round(seconds * 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

// --- helpers ---------------------------------------------------------------------------------

function run(command, argv) {
  try {
    execFileSync(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    fail(`${command} failed: ${error.stderr?.toString().trim() || error.message}`);
  }
}

function probeDuration(file) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'default=noprint_wrappers=1:nokey=1', file], { encoding: 'utf8' });
  const seconds = Number(out.trim());
  if (!Number.isFinite(seconds) || seconds <= 0) fail(`ffprobe could not read the duration of ${file}`);
  return seconds;
}

function sampleRate(file) {
  return execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate', '-of', 'default=noprint_wrappers=1:nokey=1', file], { encoding: 'utf8' }).trim();
}

function round(seconds) {
  return Math.round(seconds * 1000) / 1000;
}

function fail(message) {
  throw new Failure(message);
}
