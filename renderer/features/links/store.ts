import { createStore, type StoreApi } from "zustand/vanilla";
import type { AppError } from "../../../shared/errors";
import type { LinkSource } from "../../../shared/ipc/channels/links";
import type { BuiltInLinkFormat, LinkFormat, LinkTemplate } from "../../../shared/links/link-formats";
import { type ApiClient, failureOf } from "../../api";

/** How long a presigned link opens for, in seconds: 15 minutes, 1 hour, 1 day or 7 days. */
export const PRESIGNED_EXPIRIES = [900, 3600, 86400, 604800] as const;
export type PresignedExpiry = (typeof PRESIGNED_EXPIRIES)[number];

/** What the window needs of the system around it: the clipboard, and a browser to open a link in. */
export interface LinkOutlets {
  writeText(text: string): Promise<void>;
  openUrl(url: string): void;
}

/** What one menu last did, shown beside it. */
export type MenuOutcome =
  | { kind: "copied"; count: number }
  | { kind: "saved" }
  | { kind: "failed"; error: AppError };

export interface LinksState {
  /** The chosen format: a built-in one, or a custom template's id. */
  format: LinkFormat;
  /** Presigned links for a private bucket, opening for this long; none: plain URLs. */
  expiresInSeconds: PresignedExpiry | undefined;
  /** Each connection's custom templates, once asked for. */
  templates: Record<string, LinkTemplate[]>;
  /** By menu id. */
  outcomes: Record<string, MenuOutcome>;

  setFormat(format: LinkFormat): void;
  setExpiry(expiresInSeconds: PresignedExpiry | undefined): void;
  loadTemplates(connectionId: string): Promise<void>;
  saveTemplates(menuId: string, connectionId: string, templates: LinkTemplate[]): Promise<boolean>;
  /** Puts the source's links, one per line, on the clipboard. */
  copy(menuId: string, source: LinkSource): Promise<void>;
  /** Opens one object in the browser, always through a presigned link, so a private bucket's opens too. */
  open(menuId: string, source: LinkSource): Promise<void>;
}

export type LinksStore = StoreApi<LinksState>;

export function isBuiltIn(format: LinkFormat): format is BuiltInLinkFormat {
  return typeof format === "string";
}

/**
 * Copying and opening links. The main process writes every link (custom domain, templates,
 * signatures); this store asks for them and hands the text to the clipboard.
 */
export function createLinksStore(api: ApiClient, outlets: LinkOutlets): LinksStore {
  return createStore<LinksState>()((set, get) => {
    const outcome = (menuId: string, value: MenuOutcome) =>
      set({ outcomes: { ...get().outcomes, [menuId]: value } });
    const make = (source: LinkSource, format: LinkFormat, expiresInSeconds = get().expiresInSeconds) =>
      api.call("links.make", {
        source,
        format,
        ...(expiresInSeconds === undefined ? {} : { presigned: { expiresInSeconds } }),
      });
    return {
      format: "url",
      expiresInSeconds: undefined,
      templates: {},
      outcomes: {},

      setFormat: (format) => set({ format }),
      setExpiry: (expiresInSeconds) => set({ expiresInSeconds }),

      async loadTemplates(connectionId) {
        try {
          const { templates } = await api.call("links.templates", { connectionId });
          set({ templates: { ...get().templates, [connectionId]: templates } });
        } catch {
          // Without its templates a connection still has every built-in format.
        }
      },

      async saveTemplates(menuId, connectionId, templates) {
        try {
          const saved = await api.call("links.setTemplates", { connectionId, templates });
          set({ templates: { ...get().templates, [connectionId]: saved.templates } });
          const format = get().format;
          // A removed template cannot stay chosen.
          if (!isBuiltIn(format) && !saved.templates.some((template) => template.id === format.templateId))
            set({ format: "url" });
          outcome(menuId, { kind: "saved" });
          return true;
        } catch (error) {
          outcome(menuId, { kind: "failed", error: failureOf(error) });
          return false;
        }
      },

      async copy(menuId, source) {
        try {
          const { links, text } = await make(source, get().format);
          if (links.length > 0) await outlets.writeText(text);
          outcome(menuId, { kind: "copied", count: links.length });
        } catch (error) {
          outcome(menuId, { kind: "failed", error: failureOf(error) });
        }
      },

      async open(menuId, source) {
        try {
          const { links } = await make(source, "url", get().expiresInSeconds ?? PRESIGNED_EXPIRIES[0]);
          if (links[0]) outlets.openUrl(links[0]);
        } catch (error) {
          outcome(menuId, { kind: "failed", error: failureOf(error) });
        }
      },
    };
  });
}
