def test_article_page_loads_its_own_css_and_js_without_errors(page, site_url, article):
    response = page.goto(site_url + article.get_absolute_url())
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The stylesheet applied (hashed file served by WhiteNoise): the nav bar is coloured.
    background = page.eval_on_selector(".site-nav ul", "el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(11, 79, 138)"
    assert page.console_errors == []
