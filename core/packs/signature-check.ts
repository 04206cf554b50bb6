import type { OpenedPack } from './pack-file';
import { verifyManifest, type PublicKeyEntry } from './signing';

/**
 * A pack's signature judged against a given list of keys, for reports (the kiosk's own decision
 * is TrustStore.check, which refuses instead of describing). A signature names its key only by
 * id: without that key's public half it cannot be checked at all, hence `unknown-key`.
 */
export type SignatureStatus =
  | { kind: 'unsigned' }
  | { kind: 'valid'; keyId: string; publisher: string }
  | { kind: 'invalid'; keyId: string; publisher: string }
  | { kind: 'unknown-key'; keyId: string };

export function checkSignature(pack: Pick<OpenedPack, 'manifestBytes' | 'signature'>, keys: readonly PublicKeyEntry[]): SignatureStatus {
  const signature = pack.signature;
  if (!signature) return { kind: 'unsigned' };
  const key = keys.find((k) => k.keyId === signature.keyId);
  if (!key) return { kind: 'unknown-key', keyId: signature.keyId };
  const kind = verifyManifest(pack.manifestBytes, signature, key) ? 'valid' : 'invalid';
  return { kind, keyId: key.keyId, publisher: key.publisher };
}
