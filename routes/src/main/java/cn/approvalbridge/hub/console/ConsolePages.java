package cn.approvalbridge.hub.console;

import java.net.URI;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import cn.approvalbridge.hub.platform.api.ApiException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The answers every console page shares: 403 and 404 as pages in Chinese, the CSRF check, redirects after a POST. */
@ApplicationScoped
public class ConsolePages {

    @Inject
    ConsoleUser users;

    @Location("console/refused.html")
    Template refused;

    public Response forbidden() {
        return page(403, "无权访问", "您的账号（" + users.name() + "）没有打开此页面的权限。综合窗口工作台供综合窗口和运维人员使用，"
                + "督查看板供督查人员和运维人员使用，运维页面仅供运维人员使用。如需权限，请联系系统管理员。");
    }

    public Response notFound(String what) {
        return page(404, "未找到", "没有找到" + what + "。请检查项目代码或申报编号，或在工作台搜索项目名称。");
    }

    /** 400 for a bad query parameter: each field named with the rule it breaks, as the API's errors say it. */
    public Response badRequest(ApiException e) {
        String problems = e.errors().stream().map(f -> "参数 " + f.field() + "：" + f.message())
                .collect(java.util.stream.Collectors.joining("；"));
        return page(400, "请求有误", problems + "。请修改后重试，或返回看板重新选择。");
    }

    /** Null when the form carries the user's token; else the 403 page that says why. */
    public Response csrfRefused(String token) {
        return users.tokenValid(token) ? null
                : page(403, "请求已失效", "表单已过期或并非来自本控制台（缺少有效的安全令牌）。请返回上一页，刷新后再提交。");
    }

    public static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    private Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(refused.data("title", title).data("message", message).data("user", users.current())).build();
    }
}
