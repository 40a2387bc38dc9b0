import { useState } from "react";
import { type LinkTemplate, linkTemplateProblems } from "../../../shared/links/link-formats";
import { type Translate, useT } from "../../i18n";
import { describedBy, Field } from "../../ui/Field";
import { useLinks } from "./context";

function problemOf(t: Translate, template: LinkTemplate): { label?: string; template?: string } {
  const unknown = linkTemplateProblems(template.template);
  return {
    ...(template.label.trim() === "" ? { label: t("links.templateNoLabel") } : {}),
    ...(unknown.length > 0
      ? { template: t("links.templateProblem", { placeholders: unknown.join(" ") }) }
      : {}),
  };
}

/** A connection's own link templates (`[img]{url}[/img]`): edited here, saved with the connection. */
export function TemplateEditor(props: { menuId: string; connectionId: string; saved: LinkTemplate[] }) {
  const t = useT();
  const saveTemplates = useLinks((state) => state.saveTemplates);
  const [drafts, setDrafts] = useState<LinkTemplate[]>(props.saved);
  const problems = drafts.map((draft) => problemOf(t, draft));
  const blocked = problems.some((problem) => problem.label || problem.template);
  const update = (index: number, patch: Partial<LinkTemplate>) =>
    setDrafts(drafts.map((draft, i) => (i === index ? { ...draft, ...patch } : draft)));
  const base = `${props.menuId}-template`;

  return (
    <div className="link-templates" data-testid="link-templates">
      <p className="hint">{t("links.templatesHeading")}</p>
      <p className="hint mono">{t("links.templatesHint")}</p>
      {drafts.map((draft, index) => {
        const n = index + 1;
        const problem = problems[index] ?? {};
        return (
          <div key={draft.id} className="grid-2">
            <Field
              id={`${base}-${index}-label`}
              label={t("links.templateLabel", { n })}
              error={problem.label}
            >
              <input
                id={`${base}-${index}-label`}
                value={draft.label}
                onChange={(event) => update(index, { label: event.target.value })}
                {...describedBy(`${base}-${index}-label`, undefined, problem.label)}
              />
            </Field>
            <Field
              id={`${base}-${index}-text`}
              label={t("links.templateText", { n })}
              error={problem.template}
            >
              <input
                id={`${base}-${index}-text`}
                className="mono"
                value={draft.template}
                spellCheck={false}
                onChange={(event) => update(index, { template: event.target.value })}
                {...describedBy(`${base}-${index}-text`, undefined, problem.template)}
              />
            </Field>
            <button
              type="button"
              className="link danger"
              onClick={() => setDrafts(drafts.filter((_, i) => i !== index))}
            >
              {t("links.removeTemplate", { n })}
            </button>
          </div>
        );
      })}
      <div className="row">
        <button
          type="button"
          disabled={drafts.length >= 20}
          onClick={() =>
            setDrafts([
              ...drafts,
              { id: crypto.randomUUID(), label: "", template: '<img src="{url}" alt="{name}">' },
            ])
          }
        >
          {t("links.addTemplate")}
        </button>
        <button
          type="button"
          className="primary"
          disabled={blocked}
          onClick={() => saveTemplates(props.menuId, props.connectionId, drafts)}
        >
          {t("links.saveTemplates")}
        </button>
      </div>
    </div>
  );
}
