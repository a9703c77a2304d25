import type { ReactNode } from 'react'

interface NoticeProps {
  tone?: 'info' | 'success' | 'error'
  children: ReactNode
}

/** A message about the page: errors interrupt (alert), the rest are announced politely. */
export function Notice({ tone = 'info', children }: NoticeProps) {
  return (
    <div className={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  )
}
