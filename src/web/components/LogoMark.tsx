/** The product mark (a white tile with a blue tick), decorative: the product name stands beside it. */
export function LogoMark({ size = 1.75, rx = 12 }: { size?: number; rx?: number }) {
  return (
    <svg viewBox="0 0 64 64" aria-hidden="true" style={{ flex: 'none', width: `${size}rem`, height: `${size}rem` }}>
      <rect width="64" height="64" rx={rx} fill="#ffffff" />
      <path
        d="M18 40 L30 48 L47 20"
        fill="none"
        stroke="#1d5fc4"
        strokeWidth="7"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
