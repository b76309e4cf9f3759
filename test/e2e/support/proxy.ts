import net from 'node:net';

/**
 * A TCP proxy in front of the server, so a test can really cut one browser's connection (every
 * socket dropped, new ones refused) and restore it. Browser network emulation does not close
 * open WebSockets, so it cannot stand in for a dropped connection.
 */
export class CuttableProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  /** While frozen: what to do on thawing (resume each connection, open those that came meanwhile). */
  private frozen: (() => void)[] | null = null;
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(port = 0): Promise<void> {
    this.server = net.createServer((client) => {
      this.track(client);
      const open = () => {
        const upstream = net.connect(this.targetPort, '127.0.0.1');
        this.track(upstream);
        const pair: [net.Socket, net.Socket] = [client, upstream];
        this.pairs.add(pair);
        client.pipe(upstream).pipe(client);
        client.on('close', () => {
          this.pairs.delete(pair);
          upstream.destroy();
        });
        upstream.on('close', () => client.destroy());
      };
      // A connection made while the network is frozen hangs, as one would with the Wi-Fi gone.
      if (this.frozen) {
        client.pause();
        this.frozen.push(() => {
          if (!client.destroyed) open();
        });
      } else open();
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private track(s: net.Socket) {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  /**
   * The network goes silent without a word: nothing is closed, nothing gets through either way
   * (a phone that lost its Wi-Fi). Only a heartbeat can tell. `thaw` lets everything held through.
   */
  freeze(): void {
    if (this.frozen) return;
    const pairs = [...this.pairs];
    for (const [client, upstream] of pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    this.frozen = [
      () => {
        for (const [client, upstream] of pairs) {
          if (client.destroyed || upstream.destroyed) continue;
          client.pipe(upstream);
          upstream.pipe(client);
        }
      },
    ];
  }

  thaw(): void {
    const held = this.frozen ?? [];
    this.frozen = null;
    for (const fn of held) fn();
  }

  /** Drops every connection and stops accepting new ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Accepts connections again on the same port. */
  restore(): Promise<void> {
    return this.start(this.port);
  }

  close(): Promise<void> {
    return this.cut();
  }
}
