import { useTranslation } from 'react-i18next';
import { PICTURE_SECRETS } from '../../../core/contract';

export type PictureName = (typeof PICTURE_SECRETS)[number];

/**
 * Nine everyday things a village learner knows at a glance, drawn plainly (like the avatars) with
 * distinct shapes and colours, so they tell apart on old screens and in high contrast.
 */
const SHAPES: Record<PictureName, { background: string; body: React.ReactNode }> = {
  apple: {
    background: '#ffebee',
    body: (
      <g>
        <path d="M32 21c-4-4-15-5-19 3-4 9 2 23 8 27 4 3 7 1 11 0 4 1 7 3 11 0 6-4 12-18 8-27-4-8-15-7-19-3z" fill="#c62828" />
        <path d="M32 21c0-5 1-9 4-12" stroke="#4e342e" strokeWidth="3" fill="none" strokeLinecap="round" />
        <path d="M35 15c4-5 10-6 14-3-3 4-9 6-14 3z" fill="#2e7d32" />
      </g>
    ),
  },
  horse: {
    background: '#efebe9',
    body: (
      <g fill="#5d4037">
        <ellipse cx="29" cy="34" rx="16" ry="8" />
        <path d="M38 30 L45 15 L51 10 L59 17 L57 21 L51 20 L48 33 Z" />
        <rect x="16" y="37" width="4" height="17" rx="1.5" />
        <rect x="23" y="38" width="4" height="16" rx="1.5" />
        <rect x="34" y="38" width="4" height="16" rx="1.5" />
        <rect x="40" y="37" width="4" height="17" rx="1.5" />
        <path d="M14 31c-6 2-7 10-5 16" stroke="#3e2723" strokeWidth="4" fill="none" strokeLinecap="round" />
        <path d="M45 15 L40 28" stroke="#3e2723" strokeWidth="3" strokeLinecap="round" />
      </g>
    ),
  },
  yurt: {
    background: '#e3f2fd',
    body: (
      <g stroke="#4e342e" strokeWidth="2">
        <rect x="12" y="33" width="40" height="19" fill="#fffdf5" />
        <path d="M10 34 Q32 6 54 34 Z" fill="#fffdf5" />
        <circle cx="32" cy="15" r="3.5" fill="#c62828" />
        <line x1="11" y1="34" x2="53" y2="34" stroke="#c62828" strokeWidth="3" />
        <rect x="28" y="39" width="8" height="13" fill="#c62828" />
      </g>
    ),
  },
  cup: {
    background: '#e8eaf6',
    body: (
      <g>
        <path d="M15 26h28v10a14 14 0 0 1-28 0z" fill="#283593" />
        <path d="M43 29a7 7 0 0 1 0 13" stroke="#283593" strokeWidth="4" fill="none" />
        <ellipse cx="29" cy="53" rx="19" ry="3.5" fill="#283593" />
        <path d="M23 20c-3-3 3-5 0-9M31 20c-3-3 3-5 0-9" stroke="#5c6bc0" strokeWidth="2.5" fill="none" strokeLinecap="round" />
      </g>
    ),
  },
  bird: {
    background: '#e1f5fe',
    body: (
      <g>
        <path d="M18 35 L5 27 L8 41 Z" fill="#0d47a1" />
        <ellipse cx="29" cy="37" rx="14" ry="10" fill="#1565c0" />
        <circle cx="43" cy="26" r="8" fill="#1565c0" />
        <path d="M50 23 L59 27 L50 30 Z" fill="#f57f17" />
        <circle cx="45" cy="24" r="2" fill="#ffffff" />
        <path d="M21 35 Q29 25 37 36 Z" fill="#0d47a1" />
        <path d="M27 46v7M33 46v7" stroke="#4e342e" strokeWidth="2.5" strokeLinecap="round" />
      </g>
    ),
  },
  key: {
    background: '#fff8e1',
    body: (
      <g fill="#8d6e00">
        <circle cx="19" cy="32" r="10" fill="none" stroke="#8d6e00" strokeWidth="6" />
        <rect x="28" y="29" width="28" height="6" rx="1" />
        <rect x="44" y="34" width="4" height="9" />
        <rect x="51" y="34" width="4" height="7" />
      </g>
    ),
  },
  house: {
    background: '#fbe9e7',
    body: (
      <g>
        <rect x="16" y="30" width="32" height="22" fill="#8d6e63" />
        <path d="M11 32 L32 13 L53 32 Z" fill="#b71c1c" />
        <rect x="21" y="38" width="9" height="14" fill="#3e2723" />
        <rect x="35" y="36" width="8" height="8" fill="#fff59d" stroke="#3e2723" strokeWidth="1.5" />
      </g>
    ),
  },
  book: {
    background: '#e8f5e9',
    body: (
      <g stroke="#1b5e20" strokeWidth="2.5" strokeLinejoin="round">
        <path d="M32 19 Q21 13 8 17 V49 Q21 45 32 51 Z" fill="#ffffff" />
        <path d="M32 19 Q43 13 56 17 V49 Q43 45 32 51 Z" fill="#ffffff" />
        <path d="M13 25q7-2 14 1M13 32q7-2 14 1M13 39q7-2 14 1M37 26q7-3 14-1M37 33q7-3 14-1M37 40q7-3 14-1" strokeWidth="1.5" fill="none" />
      </g>
    ),
  },
  fish: {
    background: '#e0f2f1',
    body: (
      <g>
        <path d="M44 32 L58 21 L58 43 Z" fill="#00695c" />
        <path d="M7 32 Q25 14 47 32 Q25 50 7 32 Z" fill="#00897b" />
        <circle cx="18" cy="30" r="3" fill="#ffffff" />
        <circle cx="18" cy="30" r="1.5" fill="#1a1a1a" />
        <path d="M29 24 Q33 32 29 40" stroke="#004d40" strokeWidth="2" fill="none" />
      </g>
    ),
  },
};

/** A picture alone; the button or list around it carries the translated name. */
export function SecretPicture({ picture, size = 72 }: { picture: PictureName; size?: number }) {
  const shape = SHAPES[picture];
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="secret-picture">
      <rect x="0" y="0" width="64" height="64" rx="12" fill={shape.background} />
      {shape.body}
    </svg>
  );
}

/** The pictures' names in the current language (literal keys, so the catalogue test sees them). */
export function usePictureNames(): Record<PictureName, string> {
  const { t } = useTranslation();
  return {
    apple: t('profiles.picture.apple'),
    horse: t('profiles.picture.horse'),
    yurt: t('profiles.picture.yurt'),
    cup: t('profiles.picture.cup'),
    bird: t('profiles.picture.bird'),
    key: t('profiles.picture.key'),
    house: t('profiles.picture.house'),
    book: t('profiles.picture.book'),
    fish: t('profiles.picture.fish'),
  };
}
