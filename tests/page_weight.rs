//! Page weight through the binary: a site with many products and Markdown pages, in five
//! languages, builds pages of bounded size (the home page under 100 KB); the lists it splits
//! (articles, products) stay complete across their pages, and a small site keeps its home
//! page's full list and the finder's product list.

mod common;

use common::{MAIN, Site};
use std::collections::BTreeMap;
use std::path::Path;

const PRODUCTS: usize = 520;
const ARTICLES: usize = 1_050;
const LANGUAGES: [&str; 5] = ["en", "it", "de", "fr", "es"];

/// The minimal site with `PRODUCTS` more products, `ARTICLES` Markdown pages under `kb/`, and
/// Italian, German, French and Spanish beside its English.
fn big_site() -> Site {
    let site = Site::minimal();
    let products: String = (0..PRODUCTS)
        .map(|k| {
            format!(
                "  - id: product-{k:04}\n    name: Product {k:04}\n    vendor: microsoft\n    description: The product number {k}.\n"
            )
        })
        .collect();
    site.replace(MAIN, "  - id: m365\n", &format!("{products}  - id: m365\n"));
    for k in 0..ARTICLES {
        // Weights out of the order of the numbers, so the lists' order is the weights'.
        let weight = (k * 7919) % ARTICLES;
        site.write(
            &format!("pages/kb/article-{k:04}.md"),
            format!("---\ntitle: \"Article {k:04}\"\nweight: {weight}\n---\n\nThe text of article {k}.\n"),
        );
    }
    let mut config = site.read("supportbook.yaml");
    for tag in &LANGUAGES[1..] {
        config = common::with_language(&config, tag, "{}");
    }
    site.write("supportbook.yaml", config);
    site
}

fn build(site: &Site, out: &Path) {
    let o = site
        .cmd()
        .args(["build", "site", "--output", out.to_str().unwrap()])
        .output()
        .unwrap();
    common::assert_no_panic(&o);
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Every file of a folder, by path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The language's folder in the output: the site's own (`en`) at the root.
fn prefix(tag: &str) -> String {
    if tag == "en" {
        String::new()
    } else {
        format!("{tag}/")
    }
}

/// The targets of the links of `html` written right after `before` (`<a href="`), in order.
fn hrefs<'a>(html: &'a str, before: &str) -> Vec<&'a str> {
    html.split(before)
        .skip(1)
        .map(|rest| &rest[..rest.find('"').unwrap()])
        .collect()
}

/// The articles (`kb/article-0001`) `html` links to, in order.
fn articles(html: &str) -> Vec<String> {
    hrefs(html, "<a href=\"")
        .into_iter()
        .filter_map(|h| {
            h.find("kb/article-")
                .map(|at| h[at..].trim_end_matches('/').to_string())
        })
        .collect()
}

/// The products a page of the products list shows, by id.
fn products(html: &str) -> Vec<String> {
    hrefs(html, "<h2 class=\"h3\"><a href=\"")
        .into_iter()
        .map(|h| {
            h.trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// How many times each of `items` occurs.
fn count(items: Vec<String>, into: &mut BTreeMap<String, usize>) {
    for i in items {
        *into.entry(i).or_default() += 1;
    }
}

/// The pages of a list, the first at `first`, following each page's "next" link.
fn list_pages(files: &BTreeMap<String, Vec<u8>>, first: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut at = Some(first.to_string());
    while let Some(path) = at {
        let file = format!("{path}index.html");
        let html = String::from_utf8(files[&file].clone()).unwrap();
        at = html.find("\" rel=\"next\">").map(|end| {
            let start = html[..end].rfind("href=\"/").unwrap() + "href=\"/".len();
            html[start..end].to_string()
        });
        assert!(out.len() < 50, "the list's pages never end");
        out.push((file, html));
    }
    out
}

#[test]
fn a_big_site_has_light_pages_and_complete_lists_in_every_language() {
    let site = big_site();
    let out = site.tmp.path().join("out");
    build(&site, &out);
    let files = tree(&out);
    for tag in LANGUAGES {
        let p = prefix(tag);
        // The home page: light, the first 24 articles in the lists' order and a link to all.
        let home = String::from_utf8(files[&format!("{p}index.html")].clone()).unwrap();
        assert!(
            home.len() < 100_000,
            "{tag}: the home page weighs {} bytes",
            home.len()
        );
        let home_order = articles(&home);
        assert_eq!(
            home_order.len(),
            24,
            "{tag}: the home page lists 24 articles"
        );
        assert!(
            home.contains(&format!(r#"<p class="more"><a href="/{p}articles/">"#)),
            "{tag}: the home page links to every article"
        );
        // The finder's product is typed, with suggestions: no list of every product.
        assert!(
            home.contains(
                r#"<input id="e-product" name="product" type="text" list="e-product-list""#
            )
        );
        assert!(!home.contains("<select id=\"e-product\""));

        // The articles pages: every article linked exactly once, in the home page's order.
        let pages = list_pages(&files, &format!("{p}articles/"));
        assert_eq!(pages.len(), 3, "{tag}: 1,050 articles at 500 a page");
        let mut all = BTreeMap::new();
        let mut order = Vec::new();
        for (file, html) in &pages {
            assert!(html.len() < 100_000, "{file} weighs {} bytes", html.len());
            order.extend(articles(html));
            count(articles(html), &mut all);
        }
        assert_eq!(all.len(), ARTICLES, "{tag}: every article is listed");
        assert!(all.values().all(|&n| n == 1), "{tag}: each article once");
        assert_eq!(&order[..24], &home_order[..], "{tag}: the same order");
        // By weight: article k has weight (k × 7919) mod 1050, so the first is article 0.
        assert_eq!(order[0], "kb/article-0000");

        // The products pages: every product once, each page light.
        let pages = list_pages(&files, &format!("{p}products/"));
        assert_eq!(pages.len(), 3, "{tag}: 522 products at 200 a page");
        let mut all = BTreeMap::new();
        for (file, html) in &pages {
            assert!(html.len() < 100_000, "{file} weighs {} bytes", html.len());
            count(products(html), &mut all);
        }
        assert_eq!(all.len(), PRODUCTS + 2, "{tag}: every product is listed");
        assert!(all.values().all(|&n| n == 1), "{tag}: each product once");
        // The routing page's summary links to each product's matrix once, 500 to a page.
        let pages = list_pages(&files, &format!("{p}routing/"));
        assert_eq!(pages.len(), 2, "{tag}: 522 products at 500 a page");
        let mut all = BTreeMap::new();
        for (file, html) in &pages {
            assert!(html.len() < 100_000, "{file} weighs {} bytes", html.len());
            let matrices = hrefs(html, "<li><a href=\"")
                .into_iter()
                .filter_map(|h| h.strip_suffix("/#matrix"))
                .map(|h| h.rsplit('/').next().unwrap().to_string())
                .collect();
            count(matrices, &mut all);
        }
        assert_eq!(
            all.len(),
            PRODUCTS + 2,
            "{tag}: every product's matrix is linked"
        );
        assert!(all.values().all(|&n| n == 1), "{tag}: each product's once");
        assert!(pages[0].1.contains(r#"data-product-search="/"#));
    }
    // No page of any kind grows with the products or the articles.
    for (path, bytes) in &files {
        if path.ends_with(".html") {
            assert!(bytes.len() < 100_000, "{path} weighs {} bytes", bytes.len());
        }
    }
    // Every page of the lists is in the sitemap, in every language.
    let sitemap = String::from_utf8(files["sitemap.xml"].clone()).unwrap();
    for tag in LANGUAGES {
        let p = prefix(tag);
        for page in [
            "articles/",
            "articles/page/3/",
            "products/page/3/",
            "routing/page/2/",
        ] {
            let url = format!("<loc>https://support.contoso.example/{p}{page}</loc>");
            assert!(sitemap.contains(&url), "the sitemap lacks {url}");
        }
    }
    // The interface words are the language's own.
    let it = String::from_utf8(files["it/articles/page/2/index.html"].clone()).unwrap();
    assert!(
        it.contains("Tutte le guide e gli articoli · Pagina 2"),
        "{it}"
    );
    assert!(
        it.contains("501–1000 di 1050") || it.contains("501–1.000 di 1.050"),
        "{it}"
    );
    let de = String::from_utf8(files["de/products/page/2/index.html"].clone()).unwrap();
    assert!(de.contains("aria-label=\"Seiten\""));
    assert!(de.contains("Nächste Seite"));

    // The pages that changed are valid HTML and link only to what the build wrote.
    let mut changed = Vec::new();
    for p in ["", "it/"] {
        for page in [
            "",
            "articles/",
            "articles/page/3/",
            "products/",
            "products/page/2/",
            "routing/",
            "routing/page/2/",
        ] {
            changed.push(format!("{p}{page}index.html"));
        }
    }
    for file in &changed {
        let html = String::from_utf8(files[file].clone()).unwrap();
        for link in hrefs(&html, "href=\"")
            .into_iter()
            .filter(|l| l.starts_with('/'))
        {
            let path = link
                .split(['?', '#'])
                .next()
                .unwrap()
                .trim_start_matches('/');
            let ok = files.contains_key(path) || files.contains_key(&format!("{path}index.html"));
            assert!(ok, "{file}: broken link {link}");
        }
    }
    let jar = common::repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "vnu.jar missing: run bash .ci/install-deps.sh"
    );
    let o = std::process::Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--format", "text"])
        .args(changed.iter().map(|f| out.join(f)))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "Nu HTML Checker errors:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );

    // The same site builds to the same bytes.
    let again = site.tmp.path().join("again");
    build(&site, &again);
    assert!(tree(&again) == files, "a rebuild differs");
}

#[test]
fn a_small_site_keeps_its_home_list_and_the_finder_list() {
    let site = Site::example();
    let out = site.tmp.path().join("out");
    build(&site, &out);
    let files = tree(&out);
    // The published pages of the site's language but the home page's text.
    let pages = std::fs::read_dir(site.file("pages"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n.matches('.').count() == 1 && n != "index.md")
        .filter(|n| !site.read(&format!("pages/{n}")).contains("\ndraft: true\n"))
        .count();
    for p in ["", "en/"] {
        let home = String::from_utf8(files[&format!("{p}index.html")].clone()).unwrap();
        let list = home
            .split("id=\"articles-title\"")
            .nth(1)
            .expect("the home page lists the articles");
        let list = &list[..list.find("</section>").unwrap()];
        assert_eq!(
            list.matches("<li><a href=").count(),
            pages,
            "{p}: every page"
        );
        assert!(!list.contains("class=\"more\""), "{p}: no link to more");
        assert!(home.contains("<select id=\"e-product\" name=\"product\" required>"));
        assert!(!home.contains("data-product-search"));
        assert!(!files.contains_key(&format!("{p}articles/index.html")));
        assert!(!files.contains_key(&format!("{p}products/page/2/index.html")));
        let products =
            String::from_utf8(files[&format!("{p}products/index.html")].clone()).unwrap();
        assert!(!products.contains("class=\"pager\""));
        assert!(products.contains("id=\"issues-title\""));
    }
}

#[test]
fn a_page_where_a_list_page_goes_is_a_located_error() {
    let site = big_site();
    site.write(
        "pages/articles/page/2.md",
        "---\ntitle: Second\n---\n\nText.\n",
    );
    let check = site.check();
    check.assert_exit(1);
    // Once in each language, at the page.
    let all = check.all("duplicate-page");
    assert_eq!(all.len(), LANGUAGES.len());
    for d in all {
        assert_eq!(d.file.as_deref(), Some("site/pages/articles/page/2.md"));
        assert!(
            d.message.contains("articles/page/2/index.html"),
            "{}",
            d.message
        );
    }
}
