/**
 * The sidebar's ChatBridge, made at its first use (the view resolving, a command that needs it,
 * codex starting) instead of at activation: a window where Codex is not used never loads the
 * bridge's code (see loadChat). Whoever only looks at it asks `current`, which makes nothing.
 */
import type { ChatBridge } from "../bridge/bridge";
import { Emitter, type Event } from "../appServer/emitter";

export class SidebarBridge {
  private bridge: ChatBridge | undefined;
  private readonly created: Emitter<ChatBridge>;
  /** Fires once, when the bridge is made. */
  readonly onDidCreate: Event<ChatBridge>;

  constructor(
    private readonly make: () => ChatBridge,
    onListenerError: (error: unknown) => void,
  ) {
    this.created = new Emitter(onListenerError);
    this.onDidCreate = this.created.event;
  }

  /** The bridge if it has been made. */
  get current(): ChatBridge | undefined {
    return this.bridge;
  }

  /** The bridge, made now if it was not yet. */
  get(): ChatBridge {
    if (!this.bridge) {
      this.bridge = this.make();
      this.created.fire(this.bridge);
    }
    return this.bridge;
  }

  dispose(): void {
    this.created.dispose();
  }
}
