import type { ApiClient } from "../../renderer/api";
import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from "../../shared/ipc/contract";

type Answers = {
  [C in ChannelName]?: (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
};

/**
 * A stand-in for the contract's client: answers the channels a test names (a call to any
 * other fails the test), records every call, and sends events as the main process would.
 */
export function fakeApi(answers: Answers) {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const answered: Promise<unknown>[] = [];
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const client: ApiClient = {
    async call(channel, input) {
      calls.push({ channel, input });
      const answer = answers[channel] as ((input: unknown) => unknown) | undefined;
      if (!answer) throw new Error(`the test did not expect a call to ${channel}`);
      const answering = (async () => answer(input))();
      answered.push(answering.catch(() => undefined));
      return (await answering) as never;
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    // Files picked in a test go to the main process by their names, as the web host's staging would.
    async addFiles(entries) {
      return client.call("files.add", { sources: await client.giveFiles(entries) });
    },
    async giveFiles(entries) {
      return entries.map((entry) => ({
        path: `/staged/${entry.relativePath}`,
        relativePath: entry.relativePath,
      }));
    },
  };
  return {
    client,
    calls,
    /** Once every call made so far has been answered or refused. */
    async settled(): Promise<void> {
      await Promise.all(answered);
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    },
  };
}
