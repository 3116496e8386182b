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
        Assert.Contains("no accounts yet", e.Message);
        Assert.Contains("http://0.0.0.0:5000", e.Message);
        var proxied = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            { ["urls"] = "http://0.0.0.0:5000", ["ClinicalGam:AllowRemoteWithoutAccounts"] = "true" }).Build();
        LoopbackOnly.Require(proxied);
        Assert.Empty(LoopbackOnly.NonLoopback(null));
    }
}
