import { NotFoundView } from "../components/NotFound";
import { useTitle } from "../hooks/useTitle";

export function NotFoundPage() {
  useTitle("Not found");
  return (
    <section className="page">
      <NotFoundView level={1} title="Page not found" message="There is no page at this address." />
    </section>
  );
}
