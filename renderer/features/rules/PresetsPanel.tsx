import { type FormEvent, useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { type Translate, useT } from "../../i18n";
import { messageText } from "../../i18n/errors";
import { ErrorMessage } from "../../ui/ErrorMessage";
import { describedBy, Field } from "../../ui/Field";
import { usePresets, useRuleDraft } from "./context";
import { firstRuleError } from "./diagnostic-text";
import type { PresetsOutcome } from "./presets-store";

function outcomeText(t: Translate, outcome: PresetsOutcome): string {
  switch (outcome.kind) {
    case "saved":
      return t("rules.presets.saved", { name: outcome.name });
    case "loaded":
      return t("rules.presets.loaded", { name: outcome.name });
    case "exported":
      return t("rules.presets.exported", { count: outcome.count });
    case "imported":
      return t("rules.presets.imported", { added: outcome.added, skipped: outcome.skipped });
  }
}

/** Save the draft under a name; load, rename, duplicate, delete; import and export as JSON. */
export function PresetsPanel() {
  const t = useT();
  const presets = usePresets((state) => state.presets);
  const problem = usePresets((state) => state.problem);
  const loaded = usePresets((state) => state.loaded);
  const outcome = usePresets((state) => state.outcome);
  const skipped = usePresets((state) => state.skipped);
  const error = usePresets((state) => state.error);
  const actions = usePresets(
    useShallow((state) => ({
      load: state.load,
      save: state.save,
      rename: state.rename,
      duplicate: state.duplicate,
      remove: state.remove,
      exportAll: state.exportAll,
      importFile: state.importFile,
      markLoaded: state.markLoaded,
    })),
  );
  const text = useRuleDraft((state) => state.text);
  const setText = useRuleDraft((state) => state.setText);
  const [name, setName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string }>();

  useEffect(() => {
    if (!loaded) void actions.load();
  }, [loaded, actions.load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (await actions.save(name, text)) setName("");
  };

  const exportAll = async () => {
    const file = await actions.exportAll();
    if (!file) return;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
    link.download = file.fileName;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const importFile = async (file: File | undefined) => {
    if (file) await actions.importFile(await file.text());
  };

  return (
    <section className="presets card" aria-labelledby="presets-heading">
      <h3 id="presets-heading">{t("rules.presets.heading")}</h3>
      {problem && (
        <p role="alert" className="notice notice-warning">
          {messageText(t, problem)}
        </p>
      )}
      <form className="row" onSubmit={save}>
        <Field id="preset-name" label={t("rules.presets.name")}>
          <input
            id="preset-name"
            value={name}
            maxLength={80}
            onChange={(event) => setName(event.target.value)}
            {...describedBy("preset-name")}
          />
        </Field>
        <button type="submit" className="primary" disabled={name.trim() === "" || text.trim() === ""}>
          {t("rules.presets.save")}
        </button>
      </form>
      {presets.length === 0 ? (
        <p className="empty">{t("rules.presets.empty")}</p>
      ) : (
        <ul className="preset-list" aria-label={t("rules.presets.heading")}>
          {presets.map((preset) => (
            <li key={preset.id} className="preset" data-testid="preset">
              {renaming?.id === preset.id ? (
                <form
                  className="row"
                  onSubmit={async (event) => {
                    event.preventDefault();
                    if (await actions.rename(preset.id, renaming.name)) setRenaming(undefined);
                  }}
                >
                  <Field id={`rename-${preset.id}`} label={t("rules.presets.newName", { name: preset.name })}>
                    <input
                      id={`rename-${preset.id}`}
                      value={renaming.name}
                      maxLength={80}
                      // biome-ignore lint/a11y/noAutofocus: the designer just asked to rename this preset
                      autoFocus
                      onChange={(event) => setRenaming({ id: preset.id, name: event.target.value })}
                      onKeyDown={(event) => event.key === "Escape" && setRenaming(undefined)}
                      {...describedBy(`rename-${preset.id}`)}
                    />
                  </Field>
                  <button type="submit" disabled={renaming.name.trim() === ""}>
                    {t("rules.presets.rename")}
                  </button>
                  <button type="button" onClick={() => setRenaming(undefined)}>
                    {t("rules.presets.cancel")}
                  </button>
                </form>
              ) : (
                <div className="preset-text">
                  <span className="preset-name">{preset.name}</span>
                  <code className="mono preset-rule">{preset.rule}</code>
                </div>
              )}
              <div className="preset-actions">
                <button
                  type="button"
                  aria-label={t("rules.presets.loadNamed", { name: preset.name })}
                  onClick={() => {
                    setText(preset.rule);
                    actions.markLoaded(preset.name);
                  }}
                >
                  {t("rules.presets.load")}
                </button>
                <button
                  type="button"
                  aria-label={t("rules.presets.renameNamed", { name: preset.name })}
                  onClick={() => setRenaming({ id: preset.id, name: preset.name })}
                >
                  {t("rules.presets.rename")}
                </button>
                <button
                  type="button"
                  aria-label={t("rules.presets.duplicateNamed", { name: preset.name })}
                  onClick={() => actions.duplicate(preset.id)}
                >
                  {t("rules.presets.duplicate")}
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={t("rules.presets.deleteNamed", { name: preset.name })}
                  onClick={() =>
                    window.confirm(t("rules.presets.deleteConfirm", { name: preset.name })) &&
                    actions.remove(preset.id)
                  }
                >
                  {t("rules.presets.delete")}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" onClick={exportAll} disabled={presets.length === 0}>
          {t("rules.presets.export")}
        </button>
        <label className="file-button">
          <input
            type="file"
            accept=".json,application/json"
            className="visually-hidden"
            onChange={(event) => {
              importFile(event.target.files?.[0]);
              event.target.value = "";
            }}
          />
          <span>{t("rules.presets.import")}</span>
        </label>
      </div>
      <div aria-live="polite">
        {outcome && <p className="hint">{outcomeText(t, outcome)}</p>}
        {skipped.length > 0 && (
          <ul className="skipped" aria-label={t("rules.presets.skippedHeading")}>
            {skipped.map((skip) => (
              <li key={skip.index}>
                {t("rules.presets.skipped", {
                  n: skip.index + 1,
                  name: skip.name ?? "—",
                  reason: (skip.rule && firstRuleError(t, skip.rule)) || messageText(t, skip.reason),
                })}
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p role="alert" className="notice notice-error">
          <ErrorMessage error={error} />
        </p>
      )}
    </section>
  );
}
