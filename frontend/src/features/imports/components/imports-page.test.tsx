import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { isFinished, progressPercent, type StatementImport } from '@/features/imports/api/imports'
import { ImportResult } from '@/features/imports/components/imports-page'

function item(overrides: Partial<StatementImport> = {}): StatementImport {
  return {
    id: 'i1',
    account_id: 'a1',
    file_name: 'fio.csv',
    status: 'running',
    format: 'fio',
    encoding: 'utf-8',
    size_bytes: 1200,
    total: 10,
    created: 3,
    duplicates: 2,
    error: null,
    errors: [],
    created_at: '2026-03-01T10:00:00Z',
    started_at: '2026-03-01T10:00:01Z',
    finished_at: null,
    ...overrides,
  }
}

describe('import progress', () => {
  it('counts created and skipped rows towards the total', () => {
    expect(progressPercent(item())).toBe(50)
    expect(progressPercent(item({ status: 'queued', total: 0, created: 0, duplicates: 0 }))).toBe(
      null,
    )
    expect(progressPercent(item({ status: 'succeeded' }))).toBe(100)
    expect(isFinished(item({ status: 'failed' }))).toBe(true)
    expect(isFinished(item({ status: 'queued' }))).toBe(false)
  })

  it('shows a running import as progress', () => {
    render(<ImportResult item={item()} />)
    expect(screen.getByText('5 of 10 transactions')).toBeInTheDocument()
    expect(screen.getByRole('progressbar', { name: 'Import of fio.csv' })).toBeInTheDocument()
  })

  it('shows the counts and each problem with its line', () => {
    render(
      <ImportResult
        item={item({
          status: 'succeeded',
          finished_at: '2026-03-01T10:00:03Z',
          created: 7,
          duplicates: 1,
          errors: [{ position: 4, unit: 'line', message: 'the amount is not a number' }],
        })}
      />,
    )
    expect(screen.getByTestId('import-created')).toHaveTextContent('7')
    expect(screen.getByTestId('import-duplicates')).toHaveTextContent('1')
    expect(screen.getByTestId('import-errors')).toHaveTextContent('1')
    expect(screen.getByText('Line 4:')).toBeInTheDocument()
    expect(screen.getByText('the amount is not a number', { exact: false })).toBeInTheDocument()
  })

  it('says why a failed import failed', () => {
    render(
      <ImportResult
        item={item({
          status: 'failed',
          error: { code: 'IMPORT_UNREADABLE', reason: 'The file is not a statement.' },
        })}
      />,
    )
    expect(screen.getByRole('alert')).toHaveTextContent('The file is not a statement.')
  })
})
