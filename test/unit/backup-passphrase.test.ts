import { Decrypter, Encrypter } from 'age-encryption';
import { describe, expect, it } from 'vitest';
import { ScryptPassphraseIdentity, ScryptPassphraseRecipient } from '../../core/backup/scrypt-passphrase';

/*
 * Backups are age files with a passphrase. The kiosk derives the key with Node's scrypt (off the
 * main thread) instead of the library's; the files must stay age files that either side opens.
 */
const text = 'Айыл: a backup, with ң ө ү';
const LOG_N = 12; // cheap for a test; the format is the same at any work factor

describe('backup passphrases', () => {
  it('make files the age library opens with the passphrase, and open files the library made', async () => {
    const ours = new Encrypter();
    ours.addRecipient(new ScryptPassphraseRecipient('китеп дайыма ачык', LOG_N));
    const sealed = await ours.encrypt(text);
    const theirsOpen = new Decrypter();
    theirsOpen.addPassphrase('китеп дайыма ачык');
    expect(await theirsOpen.decrypt(sealed, 'text')).toBe(text);

    const theirs = new Encrypter();
    theirs.setScryptWorkFactor(LOG_N);
    theirs.setPassphrase('китеп дайыма ачык');
    const ourOpen = new Decrypter();
    ourOpen.addIdentity(new ScryptPassphraseIdentity('китеп дайыма ачык'));
    expect(await ourOpen.decrypt(await theirs.encrypt(text), 'text')).toBe(text);
  });

  it('refuse another passphrase, and a file that asks for an absurd amount of work', async () => {
    const ours = new Encrypter();
    ours.addRecipient(new ScryptPassphraseRecipient('the right one', LOG_N));
    const sealed = await ours.encrypt(text);
    const wrong = new Decrypter();
    wrong.addIdentity(new ScryptPassphraseIdentity('the wrong one'));
    await expect(wrong.decrypt(sealed, 'text')).rejects.toThrow();

    // A hostile file only has to say 21 in its stanza.
    const stanza = new TextDecoder().decode(sealed).replace(/-> scrypt (\S+) 12/, '-> scrypt $1 21');
    const open = new Decrypter();
    open.addIdentity(new ScryptPassphraseIdentity('the right one'));
    await expect(open.decrypt(new TextEncoder().encode(stanza), 'text')).rejects.toThrow(/too high/);
  });

  it('keep the host answering while a key is derived at the kiosk’s work factor', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    const encrypter = new Encrypter();
    encrypter.addRecipient(new ScryptPassphraseRecipient('a long enough passphrase', 18));
    await encrypter.encrypt(text);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // The event loop kept turning: at least half the 10 ms ticks the elapsed time allows.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 10 / 2));
  });
});
