import { exampleKey, type NamingKind } from "../../../shared/uploads/naming-template";
import { useT } from "../../i18n";

/** The rule's output format (`…/format/webp`), which `{format}` stands for. */
function formatOf(rule: string | undefined): string | undefined {
  return rule === undefined ? undefined : /\/format\/(\w+)/.exec(rule)?.[1];
}

/**
 * The key a naming template gives an example file now, under the field that holds it, so
 * the designer sees what `{yyyy}/{md5:8}` becomes before any plan.
 */
export function NamingExample(props: { id: string; template: string; kind: NamingKind; rule?: string }) {
  const t = useT();
  if (props.template.trim() === "") return null;
  const key = exampleKey(props.template, props.kind, new Date(), formatOf(props.rule));
  return (
    <span id={props.id} className="hint mono" data-testid="naming-example" aria-live="polite">
      {t("quick.example", { key })}
    </span>
  );
}
