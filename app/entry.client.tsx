import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { registerFormatters } from "./i18n/formatters";
import { defaultLanguage, defaultNamespace, isLanguage, type Language } from "./i18n/config";

/** Only the page's language is downloaded: each locale is its own chunk. */
const loaders: Record<Language, () => Promise<{ default: Record<string, unknown> }>> = {
  "zh-CN": () => import("../public/locales/zh-CN/common.json"),
  en: () => import("../public/locales/en/common.json"),
};

async function hydrate() {
  const lang = document.documentElement.lang;
  const language: Language = isLanguage(lang) ? lang : defaultLanguage;
  const messages = await loaders[language]();
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    defaultNS: defaultNamespace,
    ns: [defaultNamespace],
    resources: { [language]: { [defaultNamespace]: messages.default } },
    interpolation: { escapeValue: false },
  });
  registerFormatters(i18next);
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
