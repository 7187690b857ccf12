<#-- Home-IdP discovery: work email (routed by domain) or a choice of agency. Works without JavaScript. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email','idp'); section>
    <#if section = "header">
        ${msg("dvcDiscoveryTitle")}
    <#elseif section = "form">
        <form id="dvc-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
            <@field.group name="email" label=msg("dvcEmailLabel") error=messagesPerField.get('email')>
                <span class="${properties.kcInputClass} <#if messagesPerField.existsError('email')>${properties.kcError}</#if>">
                    <input id="email" name="email" type="email" value="${dvcEmail}" autocomplete="email" autofocus
                           aria-describedby="dvc-email-help<#if messagesPerField.existsError('email')> input-error-email</#if>"
                           <#if messagesPerField.existsError('email')>aria-invalid="true"</#if>/>
                </span>
                <p id="dvc-email-help" class="${properties.kcFormHelperTextClass!}">${msg("dvcEmailHelp")}</p>
            </@field.group>
            <div class="${properties.kcFormGroupClass!}">
                <button id="dvc-continue" type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("dvcContinue")}</button>
            </div>
        </form>

        <#if dvcAgencies?has_content>
            <section aria-labelledby="dvc-agency-list-title" class="dvc-agency-choice">
                <h2 id="dvc-agency-list-title" class="dvc-subtitle">${msg("dvcAgencyListTitle")}</h2>
                <#if messagesPerField.existsError('idp')>
                    <p id="input-error-idp" class="dvc-error" role="alert">${kcSanitize(messagesPerField.get('idp'))?no_esc}</p>
                </#if>
                <form id="dvc-agency-form" action="${url.loginAction}" method="post">
                    <ul class="dvc-agency-list">
                        <#list dvcAgencies as agency>
                            <li><button type="submit" name="idp" value="${agency.alias}" id="dvc-idp-${agency.alias}"
                                        class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${agency.name}</button></li>
                        </#list>
                    </ul>
                </form>
            </section>
        </#if>
    </#if>
</@layout.registrationLayout>
