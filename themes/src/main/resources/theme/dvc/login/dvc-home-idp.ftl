<#--
  Home-IdP discovery. Works without JavaScript (plain form posts); with JavaScript, search results
  update while typing (resources/js/dvc-discovery.js). Never lists all agencies: at most one page of results.
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email','q','idp'); section>
    <#if section = "header">
        ${msg("dvcDiscoveryTitle")}
    <#elseif section = "form">
        <#if messagesPerField.existsError('idp')>
            <div id="input-error-idp" class="${properties.kcAlertClass!} pf-m-danger" role="alert">
                <p class="${properties.kcAlertTitleClass!}">${messagesPerField.get('idp')}</p>
            </div>
        </#if>

        <#if dvcRemembered??>
            <section aria-labelledby="dvc-remembered-title" class="dvc-remembered">
                <h2 id="dvc-remembered-title" class="dvc-subtitle">${msg("dvcRememberedTitle")}</h2>
                <form id="dvc-remembered-form" action="${url.loginAction}" method="post">
                    <button id="dvc-remembered-continue" type="submit" name="idp" value="${dvcRemembered.idp}"
                            class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("dvcContinueTo", dvcRemembered.name)}
                    </button>
                    <p class="dvc-detail">${dvcRemembered.detail}</p>
                    <button id="dvc-change" type="submit" name="change" value="1" class="dvc-link-button">${msg("dvcChange")}</button>
                </form>
            </section>
        <#else>
            <form id="dvc-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate>
                <@field.group name="email" label=msg("dvcEmailLabel") error=messagesPerField.get('email')>
                    <span class="${properties.kcInputClass} <#if messagesPerField.existsError('email')>${properties.kcError}</#if>">
                        <input id="email" name="email" type="email" value="${dvcEmail}" autocomplete="email" spellcheck="false"
                               <#if !dvcQuery?has_content>autofocus</#if>
                               aria-describedby="dvc-email-help<#if messagesPerField.existsError('email')> input-error-email</#if>"
                               <#if messagesPerField.existsError('email')>aria-invalid="true"</#if>/>
                    </span>
                    <p id="dvc-email-help" class="dvc-help">${msg("dvcEmailHelp")}</p>
                </@field.group>
                <div class="${properties.kcFormGroupClass!}">
                    <button id="dvc-continue" type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("dvcContinue")}</button>
                </div>
            </form>

            <section aria-labelledby="dvc-search-title" class="dvc-search">
                <h2 id="dvc-search-title" class="dvc-subtitle">${msg("dvcSearchTitle")}</h2>
                <form id="dvc-search-form" action="${url.loginAction}" method="post" role="search"
                      data-search-url="${dvcSearchUrl}" data-msg-count="${msg('dvcResultsCount')}"
                      data-msg-none="${msg('dvcResultsNone')}" data-msg-one="${msg('dvcResultsOne')}" data-msg-warming="${msg('dvcDirectoryWarming')}">
                    <@field.group name="dvc-search" label=msg("dvcSearchLabel") error=messagesPerField.get('q')>
                        <div class="dvc-search-row">
                            <span class="${properties.kcInputClass} <#if messagesPerField.existsError('q')>${properties.kcError}</#if>">
                                <input id="dvc-search" name="q" type="search" value="${dvcQuery}" autocomplete="off" spellcheck="false"
                                       maxlength="100" <#if dvcQuery?has_content>autofocus</#if>
                                       aria-describedby="dvc-search-help<#if messagesPerField.existsError('q')> input-error-dvc-search</#if>"
                                       aria-controls="dvc-results"
                                       <#if messagesPerField.existsError('q')>aria-invalid="true"</#if>/>
                            </span>
                            <button id="dvc-search-submit" type="submit" class="${properties.kcButtonSecondaryClass!}">${msg("dvcSearch")}</button>
                        </div>
                        <p id="dvc-search-help" class="dvc-help">${msg("dvcSearchHelp")}</p>
                    </@field.group>
                    <p id="dvc-results-status" class="dvc-status" role="status" aria-live="polite"><#if dvcWarming??>${msg("dvcDirectoryWarming")}<#elseif dvcOffers?has_content><#if dvcOffers?size == 1>${msg("dvcResultsOne")}<#else>${msg("dvcResultsCount", dvcOffers?size)}</#if></#if></p>
                    <ul id="dvc-results" class="dvc-agency-list" aria-label="${msg('dvcResultsLabel')}">
                        <#list dvcOffers as offer>
                            <li><button type="submit" name="idp" value="${offer.idp}" id="dvc-idp-${offer.idp}"
                                        class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!} dvc-result">
                                    <span class="dvc-result-name">${offer.name}</span>
                                    <span class="dvc-detail">${offer.detail}</span>
                                </button></li>
                        </#list>
                    </ul>
                </form>
            </section>
            <#if dvcLocalAdmin?? && dvcLocalAdmin>
                <section aria-labelledby="dvc-local-admin-title" class="dvc-local-admin">
                    <h2 id="dvc-local-admin-title" class="dvc-subtitle">${msg("dvcLocalAdminTitle")}</h2>
                    <form id="dvc-local-admin-form" action="${url.loginAction}" method="post">
                        <p id="dvc-local-admin-help" class="dvc-help">${msg("dvcLocalAdminHelp")}</p>
                        <button id="dvc-local-admin" type="submit" name="local" value="1" aria-describedby="dvc-local-admin-help"
                                class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("dvcLocalAdminLogin")}</button>
                    </form>
                </section>
            </#if>
            <script type="module" src="${url.resourcesPath}/js/dvc-discovery.js"></script>
        </#if>
    </#if>
</@layout.registrationLayout>
