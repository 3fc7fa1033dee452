import { useT } from "~/i18n/use-t";

export function SiteFooter({ demo }: { demo: boolean }) {
  const t = useT();
  return (
    <footer className="site-footer">
      {demo ? (
        <p className="demo-notice" role="note">
          <strong>{t("footer.demoLabel")}</strong> {t("footer.demoText")}
        </p>
      ) : null}
      <p>{t("footer.mission")}</p>
      <p>
        {t("footer.hotline")} · <a href="/complaints/new">{t("complaints.title")}</a>
      </p>
      <p className="footer-source">{t("footer.source")}</p>
    </footer>
  );
}
