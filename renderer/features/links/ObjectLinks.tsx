import { useActiveConnection } from "../connections";
import { LinksMenu } from "./LinksMenu";

/**
 * Links to objects of the active connection's bucket, for the bucket browser to place beside
 * them: the focused object's in its details, the selection's under the grid (`id` tells them apart).
 */
export function ObjectLinks(props: { id?: string; heading?: string; bucket: string; keys: string[] }) {
  const active = useActiveConnection();
  if (props.keys.length === 0) return null;
  return (
    <LinksMenu
      id={props.id ?? "object-links"}
      heading={props.heading}
      source={{ kind: "objects", bucket: props.bucket, keys: props.keys }}
      connectionId={active?.id}
      canOpen={props.keys.length === 1}
    />
  );
}
