import type { Avatar } from '../../../core/contract';

/** Simple, high-contrast pictures that read well on old screens and need no words. */
const SHAPES: Record<Avatar, { background: string; body: React.ReactNode }> = {
  sun: {
    background: '#fff3c4',
    body: (
      <g fill="#e0a100" stroke="#e0a100" strokeWidth="4" strokeLinecap="round">
        <circle cx="32" cy="32" r="12" />
        {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
          <line key={a} x1="32" y1="10" x2="32" y2="16" transform={`rotate(${a} 32 32)`} />
        ))}
      </g>
    ),
  },
  moon: { background: '#dde6ff', body: <path d="M40 12a20 20 0 1 0 12 30A16 16 0 0 1 40 12z" fill="#3b4fa8" /> },
  tree: {
    background: '#dcf3dc',
    body: (
      <g>
        <rect x="29" y="38" width="6" height="16" fill="#7a4a1e" />
        <path d="M32 8 L50 40 H14 Z" fill="#2e7d32" />
      </g>
    ),
  },
  flower: {
    background: '#ffe0ec',
    body: (
      <g>
        {[0, 72, 144, 216, 288].map((a) => (
          <ellipse key={a} cx="32" cy="20" rx="7" ry="11" fill="#c2185b" transform={`rotate(${a} 32 32)`} />
        ))}
        <circle cx="32" cy="32" r="7" fill="#ffb300" />
      </g>
    ),
  },
  mountain: {
    background: '#e3f2fd',
    body: (
      <g>
        <path d="M6 52 L26 18 L38 38 L44 28 L58 52 Z" fill="#455a64" />
        <path d="M26 18 L20 28 L26 26 L30 30 L32 28 Z" fill="#ffffff" />
      </g>
    ),
  },
  star: { background: '#fff8e1', body: <path d="M32 8l7 15 16 2-12 11 3 16-14-8-14 8 3-16L9 25l16-2z" fill="#f57f17" /> },
  heart: { background: '#ffebee', body: <path d="M32 52S10 38 10 24a11 11 0 0 1 22-4 11 11 0 0 1 22 4c0 14-22 28-22 28z" fill="#c62828" /> },
  drop: { background: '#e0f7fa', body: <path d="M32 8C32 8 14 30 14 40a18 18 0 0 0 36 0C50 30 32 8 32 8z" fill="#00838f" /> },
};

export function AvatarPicture({ avatar, size = 64 }: { avatar: Avatar; size?: number }) {
  const shape = SHAPES[avatar];
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="avatar-picture">
      <circle cx="32" cy="32" r="32" fill={shape.background} />
      {shape.body}
    </svg>
  );
}
