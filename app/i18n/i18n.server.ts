import { createCookie } from "@remix-run/node";
import { createInstance, type TFunction } from "i18next";
import en from "../../public/locales/en/common.json";
import zhCN from "../../public/locales/zh-CN/common.json";
import { defaultLanguage, defaultNamespace, languages, type Language } from "./config";
import { chooseLanguage } from "./detect";
import { registerFormatters } from "./formatters";

export const resources = {
  "zh-CN": { common: zhCN },
  en: { common: en },
} as const;

/** The visitor's explicit language choice, kept for a year. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  secure: process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "true",
  maxAge: 365 * 24 * 3600,
});

export async function getLanguage(request: Request): Promise<Language> {
  const cookie: unknown = await languageCookie.parse(request.headers.get("Cookie"));
  return chooseLanguage(cookie, request.headers.get("Accept-Language"));
}

const instances = new Map<Language, ReturnType<typeof createInstance>>();

/** A ready i18next instance per language, shared by all requests (resources never change). */
export function i18nFor(language: Language) {
  let instance = instances.get(language);
  if (!instance) {
    instance = createInstance();
    void instance.init({
      lng: language,
      fallbackLng: defaultLanguage,
      supportedLngs: [...languages],
      defaultNS: defaultNamespace,
      ns: [defaultNamespace],
      resources,
      initImmediate: false,
      interpolation: { escapeValue: false },
    });
    registerFormatters(instance);
    instances.set(language, instance);
  }
  return instance;
}

/** The request's language and a translate function for loaders, actions and meta. */
export async function getTranslator(
  request: Request,
): Promise<{ language: Language; t: TFunction }> {
  const language = await getLanguage(request);
  return { language, t: i18nFor(language).getFixedT(language) };
}
