/**
 * A TCP proxy for fault tests, put between a server and PostgreSQL to break the network in ways
 * a database restart does not:
 *   pause()   stop forwarding in both directions (a partition: packets vanish, nothing is closed);
 *             data sent meanwhile flows again on resume(), as after a healed partition
 *   cut()     destroy every open connection at once (reset; new connections still work)
 *   block(p)  cut the connections whose startup packet contains `p` (PostgreSQL sends the
 *             application_name in clear text there) and refuse new ones until unblock(); this
 *             holds one kind of connection down (the LISTEN one) while the others keep working
 *   blackhole(port)  stop forwarding, both ways and for good, on the one connection from that
 *             client port: its peers see nothing more and nothing closed (resume() leaves it so)
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

interface Pipe {
  client: Socket;
  upstream: Socket;
  /** The first bytes the client sent: for PostgreSQL, the startup packet. */
  startup: Buffer | undefined;
  blackholed?: boolean;
}

export class TcpProxy {
  private readonly pipes = new Set<Pipe>();
  private paused = false;
  private blocked: string | undefined;

  private constructor(private readonly server: Server) {}

  static start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    const proxy = new TcpProxy(server);
    server.on('connection', (client) => proxy.accept(client, target));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(proxy));
    });
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  /** Open client connections (each with its upstream). */
  get connectionCount(): number {
    return this.pipes.size;
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    const pipe: Pipe = { client, upstream, startup: undefined };
    this.pipes.add(pipe);
    const close = () => {
      if (!this.pipes.delete(pipe)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => {
      if (!pipe.startup) {
        pipe.startup = chunk;
        if (this.matchesBlock(pipe)) return close();
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
      if (this.paused) socket.pause();
    }
  }

  private matchesBlock(pipe: Pipe): boolean {
    return this.blocked !== undefined && pipe.startup?.includes(this.blocked) === true;
  }

  /** Stops forwarding; what is sent meanwhile waits in the sockets until resume(). */
  pause(): void {
    this.paused = true;
    for (const pipe of this.pipes) {
      pipe.client.pause();
      pipe.upstream.pause();
    }
  }

  resume(): void {
    this.paused = false;
    for (const pipe of this.pipes) {
      if (pipe.blackholed) continue;
      pipe.client.resume();
      pipe.upstream.resume();
    }
  }

  /**
   * Stops forwarding for good on the connection from `clientPort` (the client's local port): a
   * client that vanished without a packet, as its server sees it. Nothing is closed; the proxy's
   * sockets stop reading, so their windows shut once their buffers fill. Returns the port of the
   * proxy's upstream socket (the server's peer port for that connection), or undefined.
   */
  blackhole(clientPort: number): number | undefined {
    for (const pipe of this.pipes) {
      if (pipe.client.remotePort !== clientPort) continue;
      pipe.blackholed = true;
      pipe.client.pause();
      pipe.upstream.pause();
      return pipe.upstream.localPort;
    }
    return undefined;
  }

  /** Destroys every open connection; returns how many there were. */
  cut(): number {
    const count = this.pipes.size;
    for (const pipe of [...this.pipes]) {
      this.pipes.delete(pipe);
      pipe.client.destroy();
      pipe.upstream.destroy();
    }
    return count;
  }

  /** Cuts, and keeps refusing, connections whose startup packet contains `marker`. Returns how many were cut. */
  block(marker: string): number {
    this.blocked = marker;
    let count = 0;
    for (const pipe of [...this.pipes]) {
      if (!this.matchesBlock(pipe)) continue;
      this.pipes.delete(pipe);
      pipe.client.destroy();
      pipe.upstream.destroy();
      count++;
    }
    return count;
  }

  unblock(): void {
    this.blocked = undefined;
  }

  close(): Promise<void> {
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
