import net from 'node:net';

export type ProxyMode = 'pass' | 'blackhole' | 'refuse';

/** A TCP relay between the browser and the server, to cut the network the ways it really fails. */
export interface TcpProxy {
  url: string;
  /**
   * `pass` relays; `blackhole` keeps every connection open and silently drops what crosses it
   * (a network that died without telling anyone); `refuse` resets every connection (offline).
   * Leaving `blackhole` resets the connections it held, as a router coming back would.
   */
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let mode: ProxyMode = 'pass';
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'blackhole') return void client.on('data', () => {});
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => {});
    client.on('close', () => upstream.destroy());
    // Relayed by hand, so that a change of mode stops the bytes of connections already open.
    client.on('data', (chunk) => {
      if (mode === 'pass') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (mode === 'pass') client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const resetAll = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next) {
      if (next === 'refuse' || mode === 'blackhole') resetAll();
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        resetAll();
        server.close(() => resolve());
      }),
  };
}
