/** A bar filled to the share used (capped at its end): amber from 80 %, red from 100 %. */
export function Progress({ percent, label }: { percent: number | null; label: string }) {
  const value = percent ?? 0
  const tone = value >= 100 ? 'over' : value >= 80 ? 'near' : 'ok'
  return (
    <div
      className={`budget-bar budget-bar-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.min(value, 100)}
    >
      <span style={{ width: `${Math.min(value, 100)}%` }} />
    </div>
  )
}
