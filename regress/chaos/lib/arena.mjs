// The stage the chaos and fuzz drivers share: their own PostgreSQL, Redis and
// two gateways, users who may edit every file, and the bundled client. All
// of it is stopped by close(), also when a run fails.
import { loadClient } from './build-client.mjs';
import { Gateway, Postgres, Redis, freePort, registerUser, sharedFile } from './stack.mjs';

export async function openArena({ gateways = 2, users = 6, log = console.log } = {}) {
  const arena = { pg: null, redis: null, gateways: [], users: [], client: null };
  arena.close = async () => {
    for (const gw of arena.gateways) await gw.stop().catch(() => {});
    await arena.redis?.stop().catch(() => {});
    await arena.pg?.destroy().catch(() => {});
  };
  try {
    arena.client = await loadClient();
    arena.pg = await Postgres.create();
    arena.redis = await Redis.create();
    for (let i = 0; i < gateways; i += 1) {
      const gw = new Gateway(`gw${i}`, await freePort(), {
        DATABASE_URL: arena.pg.url,
        REDIS_URL: arena.redis.url,
        HTTP_RATE_LIMIT: '100000',
        PRESENCE_TIMEOUT: '3',
      });
      await gw.start();
      arena.gateways.push(gw);
    }
    for (let i = 0; i < users; i += 1) arena.users.push(await registerUser(arena.gateways[0], `Editor${i}`));
    log(`arena: PostgreSQL on ${arena.pg.port} (${arena.pg.dir}), Redis on ${arena.redis.port}, gateways on ${arena.gateways.map((g) => g.port).join(', ')}`);
  } catch (error) {
    await arena.close();
    throw error;
  }
  arena.newFile = (name) => sharedFile(arena.gateways[0], arena.pg, arena.users[0], arena.users, name);
  return arena;
}

/** Stops the arena on SIGINT/SIGTERM too: nothing is left running. */
export function closeOnSignal(arena) {
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, async () => {
      await arena.close();
      process.exit(130);
    });
}
