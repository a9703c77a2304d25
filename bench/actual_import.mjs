// Actual Budget's own engine importing the rows Cashbook imports, for `bench/peer.py`:
// a fresh local budget (no server), one account, `addTransactions` in batches of 1 000 inside
// `runImport`. Prints {"seconds": …} for the import alone.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import api from '@actual-app/api';

const rows = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const dataDir = mkdtempSync(join(tmpdir(), 'actual-bench-'));
await api.init({ dataDir });
const started = performance.now();
await api.runImport(`bench-${Date.now()}`, async () => {
  const account = await api.createAccount({ name: 'Fio', offbudget: false }, 0);
  for (let start = 0; start < rows.length; start += 1000) {
    await api.addTransactions(account, rows.slice(start, start + 1000));
  }
});
const seconds = (performance.now() - started) / 1000;
await api.shutdown();
rmSync(dataDir, { recursive: true, force: true });
console.log(JSON.stringify({ seconds }));
