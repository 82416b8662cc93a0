def test_a_scheme_is_named_in_the_readers_language(catalogue):
    from django.utils import translation

    scheme = catalogue.get(key="nittp")
    with translation.override("en"):
        assert str(scheme) == "New Industrialisation and Technology Training Programme (NITTP)"
    with translation.override("zh-hant"):
        assert str(scheme) == "新型工業化及科技培訓計劃（NITTP）"
