// An editor as a designer's browser runs it: the browser client's own Editor
// (its Document, History and SyncClient, bundled from gateway/web/src by
// build-client.mjs) over a real WebSocket (ws), with an in-memory outbox.
// The socket is wrapped only to watch: which op keys went out and what the
// gateway acked, so that the driver can tell lost and duplicated ops apart.
import WebSocket from '../../integration/node_modules/ws/wrapper.mjs';

const always = { get: () => true, subscribe: () => () => {} };
const FILLS = ['#ff3366', '#3366ff', '#30a46c', '#ffaa00', null];

export class EditorBot {
  constructor({ name, client, user, gateway, fileId, rng }) {
    this.name = name;
    this.client = client; // the bundled module: { Editor, MemoryOutboxStore }
    this.user = user;
    this.gateway = gateway;
    this.fileId = fileId;
    this.rng = rng;
    this.store = new client.MemoryOutboxStore();
    this.ws = null;
    /** Every op key this client put on the wire. */
    this.sent = new Set();
    /** key -> { status, seq } of its first ack; a later ack that says otherwise is a conflict. */
    this.acks = new Map();
    this.ackConflicts = [];
    this.problems = [];
    this.editor = null;
  }

  async start() {
    this.editor = new this.client.Editor({
      fileId: this.fileId,
      url: `ws://127.0.0.1:${this.gateway.port}/ws`,
      connect: (url) => this.socket(url),
      store: this.store,
      online: always,
      visible: always,
      random: () => this.rng.next(),
    });
    this.editor.subscribe((event) => {
      if (event.type === 'problem') this.problems.push(event.message);
    });
    await this.editor.start();
  }

  /** A reload of the page: the editor closes, a new one opens with what the outbox kept (replayed with the same keys). */
  async reload() {
    this.editor.close();
    await this.start();
  }

  close() {
    this.editor?.close();
  }

  /** The network drops this client's connection (no close handshake). */
  cut() {
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) this.ws.terminate();
  }

  get settled() {
    const e = this.editor;
    return e.ready && e.connection.status === 'connected' && e.pending() === 0;
  }

  describe() {
    const e = this.editor;
    return `${this.name}: ${e.connection.status}, pending ${e.pending()}, seq ${e.seq}, client ${e.clientId}, gateway port ${this.gateway.port}`;
  }

  /** One random edit, as a designer makes them: create, move, recolour, delete, undo, redo, bring to front, a cursor. */
  step() {
    const e = this.editor;
    if (!e.ready || e.clientId === null) return;
    const rng = this.rng;
    const alive = e.objects().filter((o) => o.type === 'rectangle');
    const target = alive.length ? rng.pick(alive).id : null;
    const roll = rng.next();
    try {
      if (roll < 0.2 || !target) {
        e.createObjects([{ type: 'rectangle', x: rng.int(0, 1000), y: rng.int(0, 1000), width: rng.int(1, 200), height: rng.int(1, 200), fill: rng.pick(FILLS) ?? '#000000' }]);
      } else if (roll < 0.55) {
        e.update(target, { x: rng.int(0, 1000), y: rng.int(0, 1000) });
      } else if (roll < 0.7) {
        e.update(target, { fill: rng.pick(FILLS) });
      } else if (roll < 0.77) {
        e.delete([target]);
      } else if (roll < 0.85) {
        e.undo();
      } else if (roll < 0.9) {
        e.redo();
      } else if (roll < 0.95) {
        e.bringToFront([target]);
      } else {
        e.setPresence({ cursor: { x: rng.int(0, 1000), y: rng.int(0, 1000) } });
      }
    } catch (error) {
      // What the client itself refuses (an object someone else just deleted) is
      // what a designer sees as a message; anything else is a defect.
      if (error?.name !== 'LocalEditError' && error?.constructor?.name !== 'ReadOnlyError') throw error;
    }
  }

  /** A ws socket with the session cookie and Origin a browser sends, watched on the way. */
  socket(url) {
    const ws = new WebSocket(url, { headers: { cookie: this.user.cookie, origin: this.gateway.base } });
    this.ws = ws;
    const bot = this;
    const wrapper = {
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
      get readyState() {
        return ws.readyState;
      },
      send(data) {
        bot.noteSent(data);
        ws.send(data);
      },
      close(code, reason) {
        ws.close(code, reason);
      },
    };
    ws.onopen = (event) => { (this.log ??= []).push('open'); wrapper.onopen?.(event); };
    ws.onmessage = (event) => {
      bot.noteReceived(event.data);
      wrapper.onmessage?.({ data: event.data });
    };
    ws.onclose = (event) => wrapper.onclose?.({ code: event.code, reason: event.reason });
    ws.onerror = (event) => wrapper.onerror?.(event);
    return wrapper;
  }

  noteSent(data) {
    const msg = JSON.parse(data);
    if (msg.type !== 'presence') (this.log ??= []).push(`>${msg.type}${msg.type === 'catchup' ? '@' + msg.payload.afterSeq : ''}`);
    if (msg.type === 'operation') for (const op of msg.payload.operations) this.sent.add(op.idempotencyKey);
  }

  noteReceived(data) {
    const msg = JSON.parse(String(data));
    (this.log ??= []).push(`<${msg.type}${msg.type === 'operation' ? `[${msg.payload.fromSeq}-${msg.payload.toSeq}]` : msg.type === 'sync' ? `@${msg.payload.seq}` : msg.type === 'ack' ? `(${msg.payload.results.map((r) => r.status[0] + (r.seq ?? '')).join(',')})` : msg.type === 'error' ? `:${msg.payload.code}` : ''}`);
    if (msg.type === 'operation') return this.noteRelayed(msg.payload.operations);
    if (msg.type !== 'ack') return;
    for (const r of msg.payload.results) {
      const now = { status: r.status === 'duplicate' ? 'applied' : r.status, seq: r.seq ?? null };
      const first = this.acks.get(r.id);
      if (!first) this.acks.set(r.id, now);
      else if (first.status !== now.status || first.seq !== now.seq)
        this.ackConflicts.push(`${this.name}: op ${r.id} acked ${JSON.stringify(first)} then ${JSON.stringify(r)}`);
    }
  }

  // One of this editor's own ops relayed back to it acknowledges it as well
  // (the client takes a pending op seen in an operation message as applied):
  // its ack went to a connection that was gone by then (a gateway killed, a
  // cut), and the catch-up on the new connection carried the op.
  noteRelayed(operations) {
    for (const op of operations) {
      const key = op.idempotencyKey;
      if (!key || !this.sent.has(key)) continue;
      const now = { status: 'applied', seq: op.seq };
      const first = this.acks.get(key);
      if (!first) this.acks.set(key, now);
      else if (first.status !== 'applied' || first.seq !== op.seq)
        this.ackConflicts.push(`${this.name}: op ${key} acked ${JSON.stringify(first)} then relayed at seq ${op.seq}`);
    }
  }
}
