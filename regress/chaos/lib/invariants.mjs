// What must hold once every editor is quiet (connected, outbox empty), read
// from PostgreSQL: every acked op is in vellum.operations exactly once, with
// the seq its ack named; per-file seq runs 1..n with no gap; every editor of
// a file shows exactly vellum.document(file).
import { until } from './wait.mjs';

/** JSON with every object's keys sorted: two equal documents print the same. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

async function fileState(pg, fileId) {
  const out = await pg.sql(
    `SELECT json_build_object(
       'count', (SELECT count(*) FROM vellum.operations WHERE file_id = :'file'),
       'distinct', (SELECT count(DISTINCT seq) FROM vellum.operations WHERE file_id = :'file'),
       'min', (SELECT coalesce(min(seq), 0) FROM vellum.operations WHERE file_id = :'file'),
       'max', (SELECT coalesce(max(seq), 0) FROM vellum.operations WHERE file_id = :'file'),
       'document', vellum.document(:'file'))`,
    { file: fileId },
  );
  return JSON.parse(out);
}

/** Waits (bounded) until every bot is connected with an empty outbox and has seen its file's last seq. */
export async function quiesce(pg, bots, timeoutMs) {
  const files = [...new Set(bots.map((b) => b.fileId))];
  let seqs = new Map();
  await until(
    'every editor is connected, has sent everything and has seen every op',
    async () => {
      if (!bots.every((b) => b.settled)) return false;
      const rows = await pg.sql(
        `SELECT f, coalesce((SELECT max(seq) FROM vellum.operations WHERE file_id = f::uuid), 0)
           FROM unnest(string_to_array(:'files', ',')) AS f`,
        { files: files.join(',') },
      ).catch(() => '');
      seqs = new Map(rows.split('\n').filter(Boolean).map((l) => l.split('|')).map(([f, s]) => [f, Number(s)]));
      return bots.every((b) => b.settled && seqs.get(b.fileId) === b.editor.seq);
    },
    timeoutMs,
    () => bots.filter((b) => !b.settled || seqs.get(b.fileId) !== b.editor.seq).map((b) => `${b.describe()} (file at ${seqs.get(b.fileId)})`).join('; '),
  ).catch(async (error) => {
    for (const b of bots.filter((x) => seqs.get(x.fileId) !== x.editor.seq)) {
      const rows = await pg.sql(
        `SELECT seq, client_id, idempotency_key FROM vellum.operations WHERE file_id = :'file' AND seq > :'after' ORDER BY seq`,
        { file: b.fileId, after: String(b.editor.seq) },
      ).catch(() => '');
      const marks = rows.split('\n').filter(Boolean).map((l) => { const k = l.split('|')[2]; const own = bots.find((o) => o.sent.has(k)); return `${l}|${own ? own.name : '?'}${b.acks.has(k) ? ' acked ' + JSON.stringify(b.acks.get(k)) : ''}`; });
      error.message += `\n  ${b.name} lacks: ${marks.join(', ')}`;
      error.message += `\n  ${b.name} log: ${(b.log ?? []).slice(-40).join(' ')}`;
    }
    throw error;
  });
}

/**
 * Checks the invariants; returns { failures: [...], counts }. extraKeys:
 * keys -> seq applied by other writers (the SQL writer), which count too.
 */
export async function check(pg, bots, { extraAcked = new Map() } = {}) {
  const failures = [];
  const files = [...new Set(bots.map((b) => b.fileId))];
  const logged = new Map(); // key -> [seq, ...]
  const rows = await pg.sql(
    `SELECT idempotency_key, seq FROM vellum.operations
      WHERE file_id = ANY (string_to_array(:'files', ',')::uuid[]) AND idempotency_key IS NOT NULL`,
    { files: files.join(',') },
  );
  for (const line of rows.split('\n').filter(Boolean)) {
    const [key, seq] = line.split('|');
    if (!logged.has(key)) logged.set(key, []);
    logged.get(key).push(Number(seq));
  }

  const acked = new Map(extraAcked); // key -> seq, for applied (or duplicate) acks
  let sent = 0;
  let superseded = 0;
  let rejected = 0;
  for (const bot of bots) {
    sent += bot.sent.size;
    failures.push(...bot.ackConflicts);
    for (const [key, ack] of bot.acks) {
      if (ack.status === 'applied') acked.set(key, ack.seq);
      else if (ack.status === 'superseded') superseded += 1;
      else if (ack.status === 'rejected') rejected += 1;
      if (ack.status !== 'applied' && logged.has(key)) failures.push(`${bot.name}: op ${key} acked ${ack.status} but logged at seq ${logged.get(key)}`);
    }
  }
  let found = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [key, seq] of acked) {
    const seqs = logged.get(key);
    if (!seqs) {
      lost += 1;
      failures.push(`op ${key} was acked (seq ${seq}) but is not in vellum.operations`);
      continue;
    }
    found += 1;
    if (seqs.length > 1) {
      duplicated += 1;
      failures.push(`op ${key} is in vellum.operations ${seqs.length} times (seqs ${seqs})`);
    } else if (seq !== null && seqs[0] !== seq) {
      failures.push(`op ${key} was acked with seq ${seq} but logged at seq ${seqs[0]}`);
    }
  }
  // Once quiet, nothing a client sent may sit in the log unacknowledged.
  for (const key of logged.keys()) if (!acked.has(key)) failures.push(`op ${key} is in vellum.operations but was never acked`);

  let converged = 0;
  for (const fileId of files) {
    const state = await fileState(pg, fileId);
    if (state.count !== state.max || state.distinct !== state.count || (state.count > 0 && state.min !== 1))
      failures.push(`file ${fileId}: seq has gaps or repeats (${state.count} ops, ${state.distinct} distinct seqs, ${state.min}..${state.max})`);
    if (state.document.seq !== state.max) failures.push(`file ${fileId}: vellum.document() is at seq ${state.document.seq}, the log at ${state.max}`);
    const truth = canonical(state.document.objects);
    for (const bot of bots.filter((b) => b.fileId === fileId)) {
      const mine = canonical(bot.editor.objects());
      if (mine === truth) converged += 1;
      else failures.push(`${bot.name} diverges from vellum.document(${fileId}):\n  client:   ${mine.slice(0, 600)}\n  database: ${truth.slice(0, 600)}`);
    }
  }
  return { failures, counts: { sent, acked: acked.size, found, lost, duplicated, superseded, rejected, converged, clients: bots.length } };
}
