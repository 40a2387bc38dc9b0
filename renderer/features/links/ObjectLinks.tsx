import { useActiveConnection } from "../connections";
import { LinksMenu } from "./LinksMenu";

/** Links to objects of the active connection's bucket, for the bucket browser to place beside them. */
export function ObjectLinks(props: { bucket: string; keys: string[] }) {
  const active = useActiveConnection();
  if (props.keys.length === 0) return null;
  return (
    <LinksMenu
      id="object-links"
      source={{ kind: "objects", bucket: props.bucket, keys: props.keys }}
      connectionId={active?.id}
      canOpen={props.keys.length === 1}
    />
  );
}
