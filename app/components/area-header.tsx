import { NavLink } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

/** The heading and tabs of a signed-in area (/buyer, /seller, /office). */
export function AreaHeader({
  title,
  orgName,
  role,
  links,
}: {
  title: string;
  orgName: string;
  role: string;
  links: { to: string; label: string }[];
}) {
  const t = useT();
  return (
    <>
      <h1>{title}</h1>
      <p className="lead">{t("area.actingFor", { org: orgName, role: t(`roles.${role}`) })}</p>
      <nav aria-label={t("area.nav")} className="area-nav">
        {links.map((link) => (
          <NavLink key={link.to} to={link.to} end>
            {link.label}
          </NavLink>
        ))}
      </nav>
    </>
  );
}
