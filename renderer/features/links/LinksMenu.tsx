import "./links.css";
import { useEffect, useState } from "react";
import type { LinkSource } from "../../../shared/ipc/channels/links";
import { LINK_FORMATS, type LinkFormat } from "../../../shared/links/link-formats";
import { useT } from "../../i18n";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { useLinks } from "./context";
import { isBuiltIn, PRESIGNED_EXPIRIES, type PresignedExpiry } from "./store";
import { TemplateEditor } from "./TemplateEditor";

/** A file the designer can narrow the links to. */
export interface LinkChoice {
  id: string;
  name: string;
}

const EXPIRY_WORDS = {
  900: "links.expiry.900",
  3600: "links.expiry.3600",
  86400: "links.expiry.86400",
  604800: "links.expiry.604800",
} as const satisfies Record<PresignedExpiry, string>;

/** How a format is kept in a `<select>`: the built-in's name, or `template:<id>`. */
function formatValue(format: LinkFormat): string {
  return isBuiltIn(format) ? format : `template:${format.templateId}`;
}

function formatOf(value: string): LinkFormat {
  return value.startsWith("template:")
    ? { templateId: value.slice("template:".length) }
    : (value as (typeof LINK_FORMATS)[number]);
}

/**
 * Copy links to what an upload wrote, some of its files, objects in a bucket, or history
 * entries: in the format the designer pastes, plain or presigned, one per line.
 */
export function LinksMenu(props: {
  /** Unique on the page: names the controls. */
  id: string;
  /** What the menu links to, when "Links" alone would not tell it from another menu on the page. */
  heading?: string | undefined;
  source: LinkSource;
  /** The connection whose custom templates are offered. */
  connectionId: string | undefined;
  /** For an upload: its finished files, to narrow the links to some of them. */
  choices?: LinkChoice[];
  /** One object: it can also be opened in the browser. */
  canOpen?: boolean;
}) {
  const t = useT();
  const { id, connectionId } = props;
  const format = useLinks((state) => state.format);
  const expiry = useLinks((state) => state.expiresInSeconds);
  const templates = useLinks((state) => (connectionId ? state.templates[connectionId] : undefined));
  const outcome = useLinks((state) => state.outcomes[id]);
  const setFormat = useLinks((state) => state.setFormat);
  const setExpiry = useLinks((state) => state.setExpiry);
  const loadTemplates = useLinks((state) => state.loadTemplates);
  const copy = useLinks((state) => state.copy);
  const open = useLinks((state) => state.open);
  const [which, setWhich] = useState<"originals" | "outputs">("originals");
  const [only, setOnly] = useState<string[]>([]);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    if (connectionId) void loadTemplates(connectionId);
  }, [connectionId, loadTemplates]);

  const source: LinkSource =
    props.source.kind === "batch"
      ? { ...props.source, which, ...(only.length > 0 ? { itemIds: only } : {}) }
      : props.source;

  return (
    <fieldset className="links-menu" data-testid="links-menu">
      <legend>{props.heading ?? t("links.heading")}</legend>
      <div className="row">
        <label>
          {t("links.format")}{" "}
          <select
            id={`${id}-format`}
            value={formatValue(format)}
            onChange={(event) => setFormat(formatOf(event.target.value))}
          >
            {LINK_FORMATS.map((name) => (
              <option key={name} value={name}>
                {t(`links.format.${name}`)}
              </option>
            ))}
            {templates?.map((template) => (
              <option key={template.id} value={`template:${template.id}`}>
                {template.label}
              </option>
            ))}
          </select>
        </label>
        {props.source.kind === "batch" && (
          <label>
            {t("links.which")}{" "}
            <select
              id={`${id}-which`}
              value={which}
              onChange={(event) => setWhich(event.target.value as "originals" | "outputs")}
            >
              <option value="originals">{t("links.which.originals")}</option>
              <option value="outputs">{t("links.which.outputs")}</option>
            </select>
          </label>
        )}
        <label>
          {t("links.access")}{" "}
          <select
            id={`${id}-access`}
            value={expiry ?? "public"}
            onChange={(event) =>
              setExpiry(
                event.target.value === "public" ? undefined : (Number(event.target.value) as PresignedExpiry),
              )
            }
          >
            <option value="public">{t("links.access.public")}</option>
            {PRESIGNED_EXPIRIES.map((seconds) => (
              <option key={seconds} value={seconds}>
                {t("links.access.presigned", { expiry: t(EXPIRY_WORDS[seconds]) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {props.choices && props.choices.length > 1 && (
        <label className="links-only">
          {t("links.only")}
          <select
            id={`${id}-only`}
            multiple
            size={Math.min(4, props.choices.length)}
            value={only}
            onChange={(event) => setOnly([...event.target.selectedOptions].map((option) => option.value))}
          >
            {props.choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="row">
        <button type="button" className="primary" onClick={() => copy(id, source)}>
          {t("links.copy")}
        </button>
        {props.canOpen && (
          <button type="button" onClick={() => open(id, source)}>
            {t("links.open")}
          </button>
        )}
        {connectionId && (
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>
            {t("links.editTemplates")}
          </button>
        )}
        <span role="status" data-testid="links-outcome">
          {outcome?.kind === "copied" &&
            (outcome.count > 0 ? t("links.copied", { count: outcome.count }) : t("links.copiedNone"))}
          {outcome?.kind === "saved" && t("links.templatesSaved")}
          {outcome?.kind === "failed" && <ErrorMessage error={outcome.error} />}
        </span>
      </div>
      {editing && connectionId && (
        <TemplateEditor menuId={id} connectionId={connectionId} saved={templates ?? []} />
      )}
    </fieldset>
  );
}
