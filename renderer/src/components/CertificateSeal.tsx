/**
 * The certificate's emblem: a tunduk, the crown of a yurt (as on the Kyrgyz flag), in a ring.
 * Drawn with currentColor so it follows the theme on screen and prints in ink.
 */
export function CertificateSeal({ size = 96 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="certificate-seal">
      <circle cx="32" cy="32" r="29" fill="none" stroke="currentColor" strokeWidth="3" />
      <circle cx="32" cy="32" r="24" fill="none" stroke="currentColor" strokeWidth="1.5" />
      {Array.from({ length: 20 }, (_, i) => (
        <line key={i} x1="32" y1="9" x2="32" y2="17" stroke="currentColor" strokeWidth="2" transform={`rotate(${i * 18} 32 32)`} />
      ))}
      <circle cx="32" cy="32" r="12" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M21 28 Q32 22 43 28 M21 36 Q32 42 43 36 M28 21 Q22 32 28 43 M36 21 Q42 32 36 43" fill="none" stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}
