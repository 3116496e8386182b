using ClinicalGAM.Web.Extensions;
using Microsoft.Extensions.Configuration;

namespace ClinicalGAM.Web.Tests.Hosting;

public class LoopbackOnlyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000;https://localhost:5001")]
    [InlineData("http://[::1]:8080")]
    [InlineData("http://127.0.0.5:80/")]
    public void Loopback_addresses_are_accepted(string urls) => Assert.Empty(LoopbackOnly.NonLoopback(urls));

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:80")]
    [InlineData("http://10.1.2.3:5000")]
    [InlineData("http://ward-server.hospital.local:5000")]
    [InlineData("http://[::]:5000")]
    public void Any_other_address_is_named(string urls) => Assert.Equal([urls], LoopbackOnly.NonLoopback("http://127.0.0.1:1;" + urls).Skip(0));

    [Fact]
    public void Starting_on_all_interfaces_is_refused_unless_the_operator_says_a_proxy_guards_it()
    {
        var open = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5000" }).Build();
        var e = Assert.Throws<InvalidOperationException>(() => LoopbackOnly.Require(open));
        Assert.Contains("single-user mode", e.Message);
        Assert.Contains("http://0.0.0.0:5000", e.Message);
        var proxied = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["urls"] = "http://0.0.0.0:5000", ["ClinicalGam:AllowRemoteWithoutAccounts"] = "true" }).Build();
        LoopbackOnly.Require(proxied);
        Assert.Empty(LoopbackOnly.NonLoopback(null));
    }

    private static IConfiguration Config(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("https://0.0.0.0:5001;http://ward-server.hospital.local:5000")]
    public void Team_mode_beyond_loopback_over_plain_http_is_refused_with_the_https_advice(string urls)
    {
        var e = Assert.Throws<InvalidOperationException>(() => LoopbackOnly.Require(Config(("urls", urls), ("ClinicalGam:Accounts", "true"))));
        Assert.Contains("plain HTTP", e.Message);
        Assert.Contains("https://", e.Message);
        Assert.DoesNotContain("https://0.0.0.0:5001", e.Message); // only the plain-HTTP address is named
    }

    [Fact]
    public void Team_mode_beyond_loopback_over_https_starts_and_a_kestrel_endpoint_counts_as_a_binding()
    {
        LoopbackOnly.Require(Config(("urls", "https://0.0.0.0:5001"), ("ClinicalGam:Accounts", "true")));
        LoopbackOnly.Require(Config(("urls", "http://127.0.0.1:5000"), ("ClinicalGam:Accounts", "true")));
        var e = Assert.Throws<InvalidOperationException>(() => LoopbackOnly.Require(Config(("Kestrel:Endpoints:Lan:Url", "http://10.0.0.7:80"))));
        Assert.Contains("http://10.0.0.7:80", e.Message);
    }
}
